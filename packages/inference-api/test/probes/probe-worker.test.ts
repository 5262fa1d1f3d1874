import { createServer } from 'node:net';
import { createProbeState, readProbeSnapshot, writeHeartbeat, writeLifecycle } from '../../src/probes/probe-state.js';
import { startHeartbeat } from '../../src/probes/start-heartbeat.js';
import { ProbeListenerError, type ProbeWorker, startProbeWorker } from '../../src/probes/start-probe-worker.js';

const SECOND_NS = 1_000_000_000n;
const get = async (worker: ProbeWorker, path: string) => {
  const res = await fetch(`http://127.0.0.1:${worker.port}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const untilPublished = () => new Promise((r) => setTimeout(r, 100));

describe('the shared probe state', () => {
  it('reads back what the main thread wrote: heartbeat age and lifecycle transitions', () => {
    const buffer = createProbeState();
    const now = process.hrtime.bigint();
    writeHeartbeat(buffer, now - 3n * SECOND_NS);
    expect(readProbeSnapshot(buffer, now)).toEqual({ heartbeatAgeMs: 3000, lifecycle: 'starting' });
    writeLifecycle(buffer, 'ready');
    expect(readProbeSnapshot(buffer, now).lifecycle).toBe('ready');
    writeLifecycle(buffer, 'draining');
    expect(readProbeSnapshot(buffer, now).lifecycle).toBe('draining');
  });

  it('the heartbeat timer writes the lifecycle and passes on changed details only', async () => {
    const buffer = createProbeState();
    writeHeartbeat(buffer, process.hrtime.bigint() - 60n * SECOND_NS);
    const published: unknown[] = [];
    let status: { lifecycle: 'starting' | 'ready'; modelVersion?: string } = { lifecycle: 'starting' };
    const stop = startHeartbeat(
      buffer,
      () => status,
      (d) => published.push(d),
      20,
    );
    expect(readProbeSnapshot(buffer).heartbeatAgeMs).toBeLessThan(1000); // written at once
    await new Promise((r) => setTimeout(r, 60));
    status = { lifecycle: 'ready', modelVersion: 'v1' };
    await new Promise((r) => setTimeout(r, 60));
    stop();
    expect(readProbeSnapshot(buffer).lifecycle).toBe('ready');
    expect(published).toEqual([{}, { modelVersion: 'v1' }]);
  });
});

describe('the probe worker (a real worker thread and HTTP server; the test owns the shared buffer)', () => {
  let worker: ProbeWorker | undefined;
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  it('answers from the buffer: starting → ready → busy → stalled → draining', async () => {
    const buffer = createProbeState();
    worker = await startProbeWorker({ buffer, host: '127.0.0.1', port: 0 });
    expect(await get(worker, '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(worker, '/ready')).toMatchObject({ status: 503, body: { reason: 'starting' } });

    worker.publish({ modelVersion: 'v7' });
    writeLifecycle(buffer, 'ready');
    writeHeartbeat(buffer);
    await untilPublished();
    expect(await get(worker, '/ready')).toMatchObject({ status: 200, body: { status: 'ready', model_version: 'v7' } });

    // The main loop has not beaten for 3 s: still alive, but out of the endpoints.
    writeHeartbeat(buffer, process.hrtime.bigint() - 3n * SECOND_NS);
    expect((await get(worker, '/health')).status).toBe(200);
    expect(await get(worker, '/ready')).toMatchObject({ status: 503, body: { reason: /event loop is busy/ } });

    // 11 s without a beat: wedged; liveness fails.
    writeHeartbeat(buffer, process.hrtime.bigint() - 11n * SECOND_NS);
    expect(await get(worker, '/health')).toMatchObject({ status: 503, body: { status: 'stalled' } });

    writeHeartbeat(buffer);
    writeLifecycle(buffer, 'draining');
    expect((await get(worker, '/health')).status).toBe(200);
    expect(await get(worker, '/ready')).toMatchObject({ status: 503, body: { reason: 'shutting down' } });
  });

  it('keeps answering while the thread that owns the buffer is blocked', async () => {
    const buffer = createProbeState();
    writeLifecycle(buffer, 'ready');
    worker = await startProbeWorker({ buffer, host: '127.0.0.1', port: 0 });
    // A child process asks the worker every 50 ms for 4 s; meanwhile this (the main) thread spins for 2 s.
    const { execFile } = await import('node:child_process');
    const url = `http://127.0.0.1:${worker.port}/health`;
    const script = `(async()=>{const end=Date.now()+4000;while(Date.now()<end){const t=Date.now();const r=await fetch(${JSON.stringify(url)});await r.text();console.log(t,Date.now(),r.status);await new Promise(r=>setTimeout(r,50))}})()`;
    const output = new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', script], { timeout: 20_000 }, (e, out) => (e ? reject(e) : resolve(out))),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const spinStart = Date.now();
    while (Date.now() < spinStart + 2000) {
      // blocked: no event-loop turn on this thread
    }
    const spinEnd = Date.now();
    const calls = (await output)
      .trim()
      .split('\n')
      .map((line) => line.split(' ').map(Number) as [number, number, number]);
    // Calls sent and answered entirely while this thread could not run: the answer came from the worker.
    const duringSpin = calls.filter(([sent, done]) => sent >= spinStart && done <= spinEnd);
    expect(duringSpin.length).toBeGreaterThanOrEqual(3);
    expect(duringSpin.every(([, , status]) => status === 200)).toBe(true);
  });

  it('fails to start with an error naming PROBE_PORT when the port is taken', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const starting = startProbeWorker({ buffer: createProbeState(), host: '127.0.0.1', port });
      await expect(starting).rejects.toBeInstanceOf(ProbeListenerError);
      await expect(starting).rejects.toThrow(
        `the probe listener cannot listen on 127.0.0.1:${port} (PROBE_PORT=${port}): EADDRINUSE; the port is taken; set PROBE_PORT to a free port`,
      );
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });

  it('close() stops the server and ends the thread', async () => {
    const started = await startProbeWorker({ buffer: createProbeState(), host: '127.0.0.1', port: 0 });
    expect((await get(started, '/health')).status).toBe(200);
    await started.close();
    await expect(fetch(`http://127.0.0.1:${started.port}/health`)).rejects.toThrow();
  });
});
