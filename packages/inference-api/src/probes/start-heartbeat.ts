import type { ProbeDetails } from './decide-probe.js';
import { type ProbeLifecycle, writeHeartbeat, writeLifecycle } from './probe-state.js';

/** How often the main loop writes its heartbeat: well under the 2 s readiness limit, and cheap. */
export const HEARTBEAT_INTERVAL_MS = 100;

/** What the main thread reports on each beat. */
export interface MainThreadStatus extends ProbeDetails {
  readonly lifecycle: ProbeLifecycle;
}

/**
 * Starts the main-loop timer that proves the loop runs: each beat writes the heartbeat and the lifecycle into
 * the shared buffer and passes changed details (model version, not-ready reason) to `publish`.
 * Returns stop(). The timer is unref'd: it never keeps the process alive.
 */
export function startHeartbeat(
  buffer: SharedArrayBuffer,
  status: () => MainThreadStatus,
  publish: (details: ProbeDetails) => void,
  intervalMs: number = HEARTBEAT_INTERVAL_MS,
): () => void {
  let last = '';
  const beat = () => {
    const { lifecycle, ...details } = status();
    writeLifecycle(buffer, lifecycle);
    writeHeartbeat(buffer);
    const key = JSON.stringify(details);
    if (key !== last) {
      last = key;
      publish(details);
    }
  };
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
