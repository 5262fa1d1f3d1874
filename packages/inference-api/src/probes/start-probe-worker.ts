import { Worker } from 'node:worker_threads';
import { decideProbe, PROBE_LIMITS, type ProbeDetails, type ProbeLimits } from './decide-probe.js';
import { readProbeSnapshot } from './probe-state.js';
import type { FromProbeWorker, ProbeWorkerData, ToProbeWorker } from './probe-worker-main.js';
import { probeWorkerMain } from './probe-worker-main.js';

/** How long the worker may take to start listening, and to stop, before it is given up on. */
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 2_000;

/** The probe listener could not start (port taken, bad host, worker failure); the API must not start without it. */
export class ProbeListenerError extends Error {
  override readonly name = 'ProbeListenerError';
}

/** A running probe worker. */
export interface ProbeWorker {
  /** The port it listens on (the bound one when PROBE_PORT is picked by the OS in tests). */
  readonly port: number;
  /** Tells the worker the model version / not-ready reason to put in its bodies. */
  publish(details: ProbeDetails): void;
  /** Closes its server and ends the thread. */
  close(): Promise<void>;
}

/** Options of {@link startProbeWorker}. */
export interface ProbeWorkerOptions {
  readonly buffer: SharedArrayBuffer;
  readonly host: string;
  readonly port: number;
  /** @default PROBE_LIMITS */
  readonly limits?: ProbeLimits;
  /** Called if the worker dies after it started (its probes then fail, and kubelet restarts the container). */
  readonly onError?: (error: Error) => void;
}

// The worker evaluates this text: the three self-contained functions, with a no-op for the __name helper that
// esbuild (tsx, the image bundle) wraps around named functions when it keeps names.
const workerSource = () =>
  `const __name = (f) => f;\n(${probeWorkerMain.toString()})(require('node:worker_threads'), require('node:http'), (${readProbeSnapshot.toString()}), (${decideProbe.toString()}));`;

/** Starts the probe worker and resolves once it listens; rejects with a ProbeListenerError naming PROBE_PORT. */
export function startProbeWorker(options: ProbeWorkerOptions): Promise<ProbeWorker> {
  const { buffer, host, port } = options;
  const workerData: ProbeWorkerData = { buffer, host, port, limits: options.limits ?? PROBE_LIMITS };
  const worker = new Worker(workerSource(), {
    eval: true,
    workerData,
    execArgv: [],
    env: {},
    // A tiny server: a small heap keeps the thread's memory small (it holds no request bodies).
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  const where = `${host}:${port} (PROBE_PORT=${port})`;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise<ProbeWorker>((resolve, reject) => {
    const fail = (message: string, cause?: unknown) => {
      clearTimeout(timer);
      void worker.terminate();
      reject(new ProbeListenerError(message, cause === undefined ? undefined : { cause }));
    };
    const timer = setTimeout(
      () => fail(`the probe listener did not start listening on ${where} within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS,
    );
    worker.once('error', (error) => fail(`the probe listener on ${where} failed: ${error.message}`, error));
    worker.once('message', (message: FromProbeWorker) => {
      if (message.type === 'error') {
        const fix =
          message.code === 'EADDRINUSE'
            ? 'the port is taken; set PROBE_PORT to a free port (or 0 to answer probes on PORT only)'
            : 'check PROBE_PORT and HOST';
        fail(`the probe listener cannot listen on ${where}: ${message.code ?? message.message}; ${fix}`);
        return;
      }
      clearTimeout(timer);
      worker.removeAllListeners('error');
      worker.on('error', (error) => options.onError?.(error));
      resolve({
        port: message.port,
        publish: (details) => worker.postMessage({ type: 'details', details } satisfies ToProbeWorker),
        close: async () => {
          worker.postMessage({ type: 'close' } satisfies ToProbeWorker);
          const stop = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(stop);
        },
      });
    });
  });
}
