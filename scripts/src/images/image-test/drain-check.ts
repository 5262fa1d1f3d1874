import { runCommand } from '../../process/run-command.js';
import { httpRequest } from './http-client.js';

/** What happened to the requests around a `docker stop`. */
export interface DrainResult {
  readonly stopSeconds: number;
  readonly exitCode: number;
  /** Requests sent before SIGTERM that finished after it: the in-flight ones the drain must complete. */
  readonly inFlightAtStop: number;
  /** Requests sent after SIGTERM and still answered 200 (the shutdown delay, while endpoints update). */
  readonly servedAfterStop: number;
  readonly completed: number;
  /** Any request sent before SIGTERM that did not get a 200, and any non-200 answer at all. */
  readonly failures: readonly string[];
}

const TEXTS = Array.from({ length: 64 }, (_, i) => `review ${i}: a moving, beautifully acted film with a weak ending`);

/** Connection failures a client may meet after SIGTERM, once the listener is closed and the container gone. */
const GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * Keeps `workers` batch requests in flight (each on a fresh connection), sends SIGTERM with `docker stop`, and
 * records how every request ended. A drained shutdown answers every request sent before SIGTERM with 200, and the
 * process exits 0 within the grace period; requests sent later may be refused once the listener closes.
 */
export async function checkDrain(
  url: string,
  container: string,
  graceSeconds: number,
  /** Called under full load, just before the stop (e.g. to read the container's memory). */
  underLoad: () => Promise<void> = async () => {},
  workers = 8,
) {
  let stopAt = Number.POSITIVE_INFINITY;
  let stopped = false;
  let inFlightAtStop = 0;
  let servedAfterStop = 0;
  let completed = 0;
  const failures: string[] = [];
  const worker = async () => {
    while (!stopped) {
      const sentAt = performance.now();
      const before = sentAt < stopAt;
      try {
        const answer = await httpRequest(`${url}/predict/batch`, { json: { texts: TEXTS }, timeoutMs: 30_000 });
        if (answer.status !== 200) failures.push(`HTTP ${answer.status}: ${answer.text.slice(0, 120)}`);
        else {
          completed += 1;
          if (before && performance.now() >= stopAt) inFlightAtStop += 1;
          if (!before) servedAfterStop += 1;
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        if (!before && GONE.has(code)) return;
        failures.push(`${before ? 'sent before SIGTERM' : 'sent after SIGTERM'}: ${code} ${(error as Error).message}`);
        return;
      }
    }
  };
  const load = Array.from({ length: workers }, worker);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await underLoad();
  stopAt = performance.now();
  await runCommand('docker', ['stop', '--time', String(graceSeconds), container], {
    timeoutMs: (graceSeconds + 30) * 1000,
  });
  const stopSeconds = (performance.now() - stopAt) / 1000;
  stopped = true;
  await Promise.all(load);
  const { stdout } = await runCommand('docker', ['inspect', '--format', '{{.State.ExitCode}}', container], {
    timeoutMs: 60_000,
  });
  const result: DrainResult = {
    stopSeconds,
    exitCode: Number(stdout),
    inFlightAtStop,
    servedAfterStop,
    completed,
    failures,
  };
  return result;
}
