import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { post, publishTestModel, startTestApp, type TestApp, tempStore } from '../../helpers.js';
import { issueKey, keyFile } from '../../key-file-fixtures.js';

/** Rate limits over real HTTP: the real app, two API keys, limits from the environment as the ConfigMap sets them. */
const a = issueKey('tenant-test', 'a');
const b = issueKey('tenant-test', 'b');
let modelUri: string;
let keysFile: string;
const apps: TestApp[] = [];

beforeAll(async () => {
  const { dir, store } = tempStore();
  await publishTestModel(store);
  modelUri = `file://${dir}/sentiment`;
  keysFile = join(mkdtempSync(join(tmpdir(), 'keys-')), 'api-keys');
  writeFileSync(keysFile, keyFile(a.stored, b.stored));
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

async function start(env: Record<string, string>) {
  const app = await startTestApp({ MODEL_URI: modelUri, ...env });
  apps.push(app);
  return app;
}
const json = { 'content-type': 'application/json' };
const as = (key: string) => ({ ...json, authorization: `Bearer ${key}` });
const text = { text: 'A wonderful film.' };

describe('per-key token bucket (RATE_LIMIT_RPS, RATE_LIMIT_BURST)', () => {
  it('admits the burst with RateLimit headers, then 429 RATE_LIMITED with Retry-After, per key', async () => {
    const app = await start({
      AUTH_MODE: 'required',
      API_KEYS_FILE: keysFile,
      RATE_LIMIT_RPS: '1',
      RATE_LIMIT_BURST: '2',
    });
    const first = await post(`${app.url}/predict`, text, as(a.key));
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"per-key";q=2;w=2');
    expect(first.headers.get('ratelimit')).toBe('"per-key";r=1;t=1');
    expect((await post(`${app.url}/predict`, text, as(a.key))).status).toBe(200);
    const over = await post(`${app.url}/predict`, text, as(a.key));
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe('RATE_LIMITED');
    expect(over.headers.get('retry-after')).toBe('1');
    expect(over.headers.get('ratelimit')).toBe('"per-key";r=0;t=2');
    // Key b has its own bucket.
    expect((await post(`${app.url}/predict/batch`, { texts: ['Fine.'] }, as(b.key))).status).toBe(200);
    // A refused request takes no key's token and health is never limited.
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/mlops_http_requests_rate_limited_total\{reason="rate",tenant="tenant-test"\} 1\n/);
    expect(metrics).toMatch(/mlops_http_requests_rate_limited_total\{reason="concurrency",tenant="tenant-test"\} 0\n/);
  });

  it('refills: after 1/RPS seconds the key is admitted again', async () => {
    const app = await start({ RATE_LIMIT_RPS: '5', RATE_LIMIT_BURST: '1' });
    expect((await post(`${app.url}/predict`, text)).status).toBe(200);
    expect((await post(`${app.url}/predict`, text)).status).toBe(429);
    await new Promise((r) => setTimeout(r, 250));
    expect((await post(`${app.url}/predict`, text)).status).toBe(200);
  });

  it('with auth off, limits per client address (the demo keeps working without a key)', async () => {
    const app = await start({ RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '1' });
    expect((await post(`${app.url}/predict`, text)).status).toBe(200);
    const over = await post(`${app.url}/predict`, text);
    expect(over.status).toBe(429);
    expect(over.json.error.message).toMatch(/retry after the Retry-After seconds/);
  });
});

/** Sends a POST's headers now and its body only when told: a request holding its concurrency slot. */
function heldRequest(port: number) {
  const body = JSON.stringify(text);
  const socket = connect(port, '127.0.0.1');
  let response = '';
  socket.on('data', (d) => (response += d));
  socket.write(
    `POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  return {
    finish: () => socket.end(body),
    done: new Promise<string>((r) => socket.on('close', () => r(response))),
  };
}

describe('concurrency cap per replica (RATE_LIMIT_CONCURRENCY)', () => {
  it('refuses a request beyond the cap with 429 CONCURRENCY_LIMITED, and admits again once a slot frees', async () => {
    const app = await start({ RATE_LIMIT_CONCURRENCY: '1' });
    const held = heldRequest(Number(new URL(app.url).port));
    await new Promise((r) => setTimeout(r, 200));
    const refused = await post(`${app.url}/predict`, text);
    expect(refused.status).toBe(429);
    expect(refused.json.error).toEqual({
      code: 'CONCURRENCY_LIMITED',
      message: '1 requests are in flight on this replica (RATE_LIMIT_CONCURRENCY); retry after the Retry-After seconds',
    });
    expect(refused.headers.get('retry-after')).toBe('1');
    held.finish();
    expect(await held.done).toMatch(/^HTTP\/1\.1 200 OK/);
    expect((await post(`${app.url}/predict`, text)).status).toBe(200);
  });
});
