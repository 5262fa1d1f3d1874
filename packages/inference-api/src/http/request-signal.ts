import type { Response } from 'express';
import type { AbortFlag } from '../model/scoring-queue.js';

/**
 * Whether the client of a response went away (closed, reset or timed out before the answer was sent), read when
 * the queue reaches its work: no AbortController, listener or DOMException per request (they cost ~6 % of a
 * `/predict` here, `docs/benchmarks.md`).
 */
export function requestSignal(res: Response): AbortFlag {
  return {
    get aborted() {
      return res.destroyed && !res.writableFinished;
    },
  };
}
