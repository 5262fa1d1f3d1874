import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { randomPort, startServer, waitFor } from '../child-server.js';
import { publishTestModel, tempStore } from '../helpers.js';

/** The API as a real child process with the probe listener on, once its probe port says ready. */
async function readyServer(env: Record<string, string> = {}) {
  const { dir, store } = tempStore();
  await publishTestModel(store);
  const port = randomPort();
  const probePort = port + 1;
  const server = startServer({
    MODEL_URI: `file://${dir}/sentiment`,
    PORT: String(port),
    PROBE_PORT: String(probePort),
    ...env,
  });
  await waitFor(`http://127.0.0.1:${probePort}/ready`);
  return { ...server, url: `http://127.0.0.1:${port}`, probes: `http://127.0.0.1:${probePort}` };
}

const postJson = (url: string, body: unknown) =>
  new Promise<number>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });

/** One GET: status and milliseconds until the whole answer arrived. */
const timed = async (url: string) => {
  const started = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  await res.text();
  return { status: res.status, ms: performance.now() - started };
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

describe('the probe listener in the server process (real child processes, file store)', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    stop = undefined;
  });

  it('answers /health on PROBE_PORT promptly while scoring saturates the main loop', async () => {
    const server = await readyServer();
    stop = () => server.child.kill('SIGKILL');
    const texts = Array.from({ length: 64 }, (_, i) =>
      `${'not a good film, but a moving story. '.repeat(130)}${i}`.slice(0, 4900),
    );
    const until = Date.now() + 5000;
    const statuses: number[] = [];
    const loops = Array.from({ length: 8 }, async () => {
      while (Date.now() < until) statuses.push(await postJson(`${server.url}/predict/batch`, { texts }));
    });
    await new Promise((r) => setTimeout(r, 500));
    const probe: number[] = [];
    const main: number[] = [];
    while (Date.now() < until - 300) {
      // Both at once: the same moment of load for either port.
      const [p, m] = await Promise.all([timed(`${server.probes}/health`), timed(`${server.url}/health`)]);
      expect(p.status).toBe(200);
      expect(m.status).toBe(200);
      probe.push(p.ms);
      main.push(m.ms);
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(loops);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(8); // the load really ran
    expect(probe.length).toBeGreaterThan(5);
    // Correctness, not a timing target (pnpm soak prints the figures): each probe answers within a second, and
    // on average sooner than the main port, whose /health waits behind the model calls on the loop.
    expect(Math.max(...probe)).toBeLessThan(1000);
    expect(mean(probe)).toBeLessThan(mean(main));
  }, 90_000);

  it('on SIGTERM turns the probe port /ready to 503 at once, stays live while draining, then closes', async () => {
    const server = await readyServer({ SHUTDOWN_DELAY_MS: '1500' });
    stop = () => server.child.kill('SIGKILL');
    expect((await timed(`${server.probes}/ready`)).status).toBe(200);
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200)); // the signal handler marks the shared state draining at once
    const ready = await fetch(`${server.probes}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', reason: 'shutting down' });
    expect((await timed(`${server.probes}/health`)).status).toBe(200); // draining is not dead: no restart
    expect(await server.exited).toBe(0);
    await expect(fetch(`${server.probes}/health`)).rejects.toThrow();
    expect(server.output()).toContain('probe listener on its own thread');
  }, 60_000);

  it('fails to start, naming PROBE_PORT, when the probe port is taken', async () => {
    // Ports the OS hands out as free (not randomPort): a main port another suite holds would fail this for the wrong reason.
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '0.0.0.0', r));
    const probePort = (busy.address() as AddressInfo).port;
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '0.0.0.0', r));
    const mainPort = (free.address() as AddressInfo).port;
    await new Promise((r) => free.close(r));
    try {
      const { dir, store } = tempStore();
      await publishTestModel(store);
      const server = startServer({
        MODEL_URI: `file://${dir}/sentiment`,
        PORT: String(mainPort),
        PROBE_PORT: String(probePort),
      });
      stop = () => server.child.kill('SIGKILL');
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(
        `inference-api: failed to start: the probe listener cannot listen on 0.0.0.0:${probePort} (PROBE_PORT=${probePort}): EADDRINUSE`,
      );
      expect(server.output()).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  }, 60_000);
});
