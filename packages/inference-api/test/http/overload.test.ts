import { request } from 'node:http';
import fc from 'fast-check';
import { post, publishTestModel, startTestApp, type TestApp, tempStore } from '../helpers.js';

let dir: string;
beforeAll(async () => {
  const temp = tempStore();
  dir = temp.dir;
  await publishTestModel(temp.store);
});

const metric = async (app: TestApp, pattern: RegExp) =>
  Number(pattern.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1] ?? 0);
const longText = (i: number) => `${'a wonderful moving film, not good pacing. '.repeat(110)}${i}`.slice(0, 4000);

describe('shedding excess work with 429 and Retry-After', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it.each<[string, Record<string, string>, string]>([
    ['the queued texts exceed MAX_QUEUED_TEXTS', { MAX_QUEUED_TEXTS: '64', MAX_QUEUE_WAIT_MS: '0' }, 'queue_full'],
    ['the batch requests exceed MAX_QUEUED_BATCHES', { MAX_QUEUED_BATCHES: '1', MAX_QUEUE_WAIT_MS: '0' }, 'queue_full'],
  ])('when %s', async (_name, env, reason) => {
    app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment`, ...env });
    await post(`${app.url}/predict/batch`, { texts: Array.from({ length: 64 }, (_, i) => longText(i)) }); // measures cost
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, r) =>
        post(`${app.url}/predict/batch`, { texts: Array.from({ length: 64 }, (_, i) => longText(r * 64 + i)) }),
      ),
    );
    const shed = results.filter((r) => r.status === 429);
    expect(shed.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    expect(results.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(shed[0]?.headers.get('retry-after')).toBe('1');
    expect(shed[0]?.json.error).toMatchObject({ code: 'OVERLOADED', message: expect.stringMatching(/^overloaded: /) });
    const pattern = new RegExp(`mlops_http_requests_shed_total\\{reason="${reason}",tenant="tenant-test"\\} (\\d+)`);
    expect(await metric(app, pattern)).toBe(shed.length);
    expect(await metric(app, /mlops_model_queue_depth\{tenant="tenant-test"\} (\d+)/)).toBe(0);
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(
      /mlops_event_loop_lag_seconds\{tenant="tenant-test"\} [\d.e-]+/,
    );
  });
});

describe('shedding on measured queue wait (sojourn) with 429 overloaded', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  it('once queued work has waited over MAX_QUEUE_WAIT_MS for an interval, drops the waiting requests (429), then serves again', async () => {
    app = await startTestApp({
      MODEL_URI: `file://${dir}/sentiment`,
      MAX_QUEUE_WAIT_MS: '1',
      MAX_QUEUED_TEXTS: '100000',
      MAX_QUEUED_BATCHES: '1024',
    });
    const batch = (r: number) =>
      post(`${app.url}/predict/batch`, {
        texts: Array.from({ length: 64 }, (_, i) => longText(r * 64 + i).slice(0, 600)),
      });
    // Eight batches at once: each waits behind the others (each takes well over the 100 ms interval here).
    const results = await Promise.all(Array.from({ length: 8 }, (_, r) => batch(r)));
    const statuses = results.map((r) => r.status);
    // The first is served; once waits have stayed long for the interval, the requests still waiting are dropped.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    const shed = results.filter((r) => r.status === 429);
    expect(shed[0]?.headers.get('retry-after')).toBe('1');
    expect(shed[0]?.json.error.message).toMatch(
      /^overloaded: this request waited \d+ ms in the queue, and queued work has waited at least 1 ms for over 100 ms; /,
    );
    const pattern = /mlops_http_requests_shed_total\{reason="overloaded",tenant="tenant-test"\} (\d+)/;
    expect(await metric(app, pattern)).toBe(shed.length);
    // Every request's wait was measured, served or dropped.
    expect(await metric(app, /mlops_model_queue_wait_seconds_count\{tenant="tenant-test"\} (\d+)/)).toBe(8);
    // After: the queue emptied, so nothing is standing and the next request is served.
    expect((await batch(200)).status).toBe(200);
  });
});

describe('text limits count Unicode code points, as sent and after NFKC normalization', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment`, MAX_TEXT_LENGTH: '100' });
  });
  afterAll(async () => {
    await app.close();
  });

  it.each<[string, string, number, string | undefined]>([
    ['100 ASCII characters', 'a'.repeat(100), 200, undefined],
    ['101 ASCII characters', 'a'.repeat(101), 422, 'text has 101 characters; the limit is 100'],
    ['100 two-byte characters (é)', 'é'.repeat(100), 200, undefined],
    ['100 astral emoji (200 UTF-16 units)', '😀'.repeat(100), 200, undefined],
    ['101 astral emoji', '😀'.repeat(101), 422, 'text has 101 characters; the limit is 100'],
    [
      '10 × U+FDFA (180 characters after NFKC)',
      '\uFDFA'.repeat(10),
      422,
      'text has 180 characters after Unicode NFKC normalization (10 as sent); the limit is 100',
    ],
    ['100 e + combining acute (200 sent)', 'e\u0301'.repeat(100), 422, 'text has 200 characters; the limit is 100'],
  ])('%s', async (_name, text, status, message) => {
    const res = await post(`${app.url}/predict`, { text });
    expect(res.status).toBe(status);
    if (message) expect(res.json.error).toEqual({ code: 'TEXT_TOO_LONG', message });
  });
});

describe('every client error is a 4xx (property test over paths and methods)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment` });
  });
  afterAll(async () => {
    await app.close();
  });

  const send = (method: string, path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = new URL(app.url);
      const req = request({ host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json' } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('connect', (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, body: res.headers['content-type'] ?? '' });
      });
      req.on('error', reject);
      req.end(method === 'GET' || method === 'HEAD' ? undefined : '{"text":"x"}');
    });

  it.each([
    ['GET', '/v2/models/%E0%A4%A'],
    ['GET', '/v2/models/%zz/ready'],
    ['POST', '/v2/models/%/infer'],
    ['GET', '/%C0%AF'],
    ['CONNECT', '127.0.0.1:80'],
  ])('%s %s is a 4xx with a catalogue code', async (method, path) => {
    const res = await send(method, path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    if (method !== 'CONNECT') expect(res.body).toMatch(/"(code|error)":/);
  });

  it('random paths and methods never answer 5xx', async () => {
    const segment = fc.oneof(
      fc.constantFrom('predict', 'batch', 'v2', 'models', 'sentiment', 'infer', 'ready', 'health', 'metrics', '..', ''),
      fc.constantFrom('%', '%2', '%zz', '%E0%A4%A', '%00', '%2F', '%25', '%C0%AF', '%FF%FE', '~', ';x=1', '?a=%', '#'),
      fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{0,12}$/),
    );
    const path = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`);
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'FOO');
    await fc.assert(
      fc.asyncProperty(method, path, async (m, p) => {
        const res = await send(m, p);
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 400, seed: 20261201 },
    );
  });
});
