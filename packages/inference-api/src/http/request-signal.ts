import type { Response } from 'express';

/** An AbortSignal that fires when the response closes (the client went away, or the answer was sent). */
export function requestSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  return controller.signal;
}
