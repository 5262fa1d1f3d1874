/**
 * The state the main thread shares with the probe worker, in one SharedArrayBuffer:
 * bytes 0-7 the last heartbeat (process.hrtime.bigint(), nanoseconds, one clock for every thread of the process),
 * bytes 8-11 the lifecycle (0 starting, 1 ready, 2 draining).
 * readProbeSnapshot runs inside the worker from its source text, so it uses these offsets as literals.
 */
export const PROBE_LIFECYCLES = ['starting', 'ready', 'draining'] as const;

/** What the main thread says about itself: loading the model, serving, or draining for shutdown. */
export type ProbeLifecycle = (typeof PROBE_LIFECYCLES)[number];

/** What the worker reads from the shared buffer at the moment a probe arrives. */
export interface ProbeSnapshot {
  /** Milliseconds since the main event loop last wrote its heartbeat. */
  readonly heartbeatAgeMs: number;
  readonly lifecycle: ProbeLifecycle;
}

/** A fresh shared buffer: heartbeat now, lifecycle starting. */
export function createProbeState(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(16);
  writeHeartbeat(buffer);
  return buffer;
}

/** Called by a main-loop timer: "the event loop ran just now". */
export function writeHeartbeat(buffer: SharedArrayBuffer, at: bigint = process.hrtime.bigint()): void {
  Atomics.store(new BigInt64Array(buffer, 0, 1), 0, at);
}

/** Sets the lifecycle at once (e.g. draining on SIGTERM: the probe port's /ready turns 503 immediately). */
export function writeLifecycle(buffer: SharedArrayBuffer, lifecycle: ProbeLifecycle): void {
  Atomics.store(new Int32Array(buffer, 8, 1), 0, PROBE_LIFECYCLES.indexOf(lifecycle));
}

/** Reads heartbeat age and lifecycle; self-contained (no outer names) because the worker evaluates its source. */
export function readProbeSnapshot(buffer: SharedArrayBuffer, now: bigint = process.hrtime.bigint()): ProbeSnapshot {
  const heartbeat = Atomics.load(new BigInt64Array(buffer, 0, 1), 0);
  const code = Atomics.load(new Int32Array(buffer, 8, 1), 0);
  const lifecycle = code === 1 ? 'ready' : code === 2 ? 'draining' : 'starting';
  return { heartbeatAgeMs: Number(now - heartbeat) / 1e6, lifecycle };
}
