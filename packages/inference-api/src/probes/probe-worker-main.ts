import type * as Http from 'node:http';
import type * as WorkerThreads from 'node:worker_threads';
import type { decideProbe, ProbeDetails, ProbeLimits } from './decide-probe.js';
import type { readProbeSnapshot } from './probe-state.js';

/** What the main thread hands the worker at start. */
export interface ProbeWorkerData {
  readonly buffer: SharedArrayBuffer;
  readonly host: string;
  readonly port: number;
  readonly limits: ProbeLimits;
}

/** Main thread → worker. */
export type ToProbeWorker = { readonly type: 'details'; readonly details: ProbeDetails } | { readonly type: 'close' };

/** Worker → main thread. */
export type FromProbeWorker =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'error'; readonly code?: string; readonly message: string };

/**
 * The probe worker's whole program: a node:http server answering /health and /ready from the shared buffer.
 * It runs in its own thread and event loop, so a main loop busy scoring cannot delay it. Self-contained (no
 * outer names, modules come in as arguments) because the worker evaluates its source text: the API image is one
 * bundled file, with no separate worker file to point a Worker at.
 */
export function probeWorkerMain(
  threads: typeof WorkerThreads,
  http: typeof Http,
  read: typeof readProbeSnapshot,
  decide: typeof decideProbe,
): void {
  const port = threads.parentPort;
  if (!port) return;
  const data = threads.workerData as ProbeWorkerData;
  let details: ProbeDetails = {};
  const server = http.createServer(
    { requestTimeout: 5000, headersTimeout: 5000, keepAliveTimeout: 5000 },
    (req, res) => {
      const answer = decide(
        { method: req.method ?? 'GET', url: req.url ?? '/' },
        read(data.buffer),
        details,
        data.limits,
      );
      const body = JSON.stringify(answer.body);
      res.writeHead(answer.status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        ...answer.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  );
  server.maxConnections = 64;
  port.on('message', (message: ToProbeWorker) => {
    if (message.type === 'details') details = message.details;
    else {
      server.close();
      server.closeAllConnections();
      port.close();
    }
  });
  server.once('error', (error: NodeJS.ErrnoException) => {
    port.postMessage({ type: 'error', code: error.code, message: error.message } satisfies FromProbeWorker);
    port.close();
  });
  server.listen(data.port, data.host, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : data.port;
    port.postMessage({ type: 'listening', port: bound } satisfies FromProbeWorker);
  });
}
