import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, waitFor } from './child-server.js';
import { publishTestModel, tempStore } from './helpers.js';
import { issueKey, keyFile } from './key-file-fixtures.js';

/** Sends the headers of a POST now and its body later: a request in flight that the server must drain. */
function slowRequest(port: number, body: string) {
  const socket = connect(port, '127.0.0.1');
  let response = '';
  socket.on('data', (d) => (response += d));
  socket.write(
    `POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
  );
  return {
    finish: () => socket.write(body),
    done: new Promise<string>((r) => socket.on('close', () => r(response))),
  };
}

/** A server process with a freshly published model, once it answers /ready 200. */
async function startReadyServer(env: Record<string, string>) {
  const { dir, store } = tempStore();
  await publishTestModel(store);
  const port = 18000 + Math.floor(Math.random() * 2000);
  const server = startServer({ MODEL_URI: `file://${dir}/sentiment`, PORT: String(port), ...env });
  await waitFor(`http://127.0.0.1:${port}/ready`);
  return { ...server, port };
}

describe('the server process (real child process)', () => {
  it('exits 2 listing every bad variable when the config is invalid', async () => {
    const server = startServer({ MODEL_URI: 'ftp://x', PORT: 'eighty' });
    expect(await server.exited).toBe(2);
    expect(server.output()).toMatch(
      /invalid configuration \(2 problems\):\n {2}- PORT="eighty" .*\n {2}- MODEL_URI="ftp:\/\/x" /,
    );
  }, 30_000);

  it('on SIGTERM stops listening, finishes the request in flight with Connection: close, and exits 0', async () => {
    const server = await startReadyServer({ SHUTDOWN_GRACE_MS: '10000', SHUTDOWN_DELAY_MS: '0' });
    const { port } = server;
    const inFlight = slowRequest(port, JSON.stringify({ text: 'The movie was wonderful.' }));
    await new Promise((r) => setTimeout(r, 200));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.child.exitCode).toBeNull(); // still draining: one request is in flight
    inFlight.finish();
    const response = await inFlight.done;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toContain('"prediction":"positive"');
    expect(response.toLowerCase()).toContain('connection: close');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down: /ready answers 503');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 60_000);

  it('with SHUTDOWN_DELAY_MS serves new connections (and /ready 503) during the delay, then exits 0', async () => {
    const server = await startReadyServer({ SHUTDOWN_DELAY_MS: '1500' });
    const { port } = server;
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(503);
    const late = await fetch(`http://127.0.0.1:${port}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Still served while the endpoints update.' }),
    });
    expect(late.status).toBe(200);
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(1500);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 60_000);
});

describe('the server process with AUTH_MODE=required (real child process)', () => {
  it('exits 2 naming API_KEYS_FILE and the fix when the key file is missing', async () => {
    const server = startServer({
      MODEL_URI: 'file:///tmp/none/sentiment',
      TENANT: 'tenant-a',
      AUTH_MODE: 'required',
      API_KEYS_FILE: '/nonexistent/api-keys',
    });
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain(
      'API_KEYS_FILE="/nonexistent/api-keys": the key file /nonexistent/api-keys cannot be read (ENOENT); create a key with "pnpm cluster keys create --tenant tenant-a"',
    );
  }, 30_000);

  it('answers 401 without a key and 200 with one', async () => {
    const key = issueKey('tenant-a', 'k1');
    const keysFile = join(mkdtempSync(join(tmpdir(), 'keys-')), 'api-keys');
    writeFileSync(keysFile, keyFile(key.stored));
    const server = await startReadyServer({ TENANT: 'tenant-a', AUTH_MODE: 'required', API_KEYS_FILE: keysFile });
    const call = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${server.port}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ text: 'A wonderful film.' }),
      });
    try {
      const refused = await call({});
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="tenant-a"');
      expect((await call({ authorization: `Bearer ${key.key}` })).status).toBe(200);
      expect(server.output()).not.toContain(key.key);
    } finally {
      server.child.kill('SIGINT');
      await server.exited;
    }
  }, 60_000);
});
