import { request } from 'node:http';
import { exposedMetricNames, METRICS } from '@mlops/shared';
import { post, publishTestModel, startTestApp, type TestApp, tempStore } from '../helpers.js';

let app: TestApp;
let version: string;

beforeAll(async () => {
  const { dir, store } = tempStore();
  version = await publishTestModel(store);
  app = await startTestApp({
    MODEL_URI: `file://${dir}/sentiment`,
    MAX_TEXT_LENGTH: '100',
    MAX_BATCH: '4',
    BODY_LIMIT_BYTES: '2048',
  });
});
afterAll(async () => {
  await app.close();
});

describe('service endpoints', () => {
  it('GET / describes the service, tenant, model version and backend', async () => {
    const body = await (await fetch(`${app.url}/`)).json();
    expect(body).toMatchObject({
      service: 'inference-api',
      tenant: 'tenant-test',
      status: 'ready',
      model: { name: 'sentiment', version, backend: 'js' },
    });
  });

  it('GET /health is 200 and GET /ready is 200 with the model version', async () => {
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    const ready = await fetch(`${app.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', model_version: version });
  });

  it('POST /predict answers the reference API shape plus model_version', async () => {
    const { status, json, headers } = await post(`${app.url}/predict`, { text: 'The movie was wonderful.' });
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(['confidence', 'model_version', 'prediction', 'tenant', 'text']);
    expect(json).toMatchObject({
      text: 'The movie was wonderful.',
      prediction: 'positive',
      tenant: 'tenant-test',
      model_version: version,
    });
    expect(json.confidence).toBeGreaterThan(0.5);
    expect(json.confidence).toBeLessThanOrEqual(1);
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await post(`${app.url}/predict`, { text: 'The movie was terrible.' })).json.prediction).toBe('negative');
  });

  it('echoes a sane caller request id', async () => {
    const res = await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('POST /predict/batch scores every text in order', async () => {
    const { status, json } = await post(`${app.url}/predict/batch`, {
      texts: ['The plot was wonderful.', 'The plot was terrible.'],
    });
    expect(status).toBe(200);
    expect(json.predictions.map((p: { prediction: string }) => p.prediction)).toEqual(['positive', 'negative']);
  });

  it('GET /metrics exposes the shared metric names with the tenant label', async () => {
    await post(`${app.url}/predict`, { text: 'fine' });
    const text = await (await fetch(`${app.url}/metrics`)).text();
    for (const name of [
      METRICS.httpRequests.name,
      METRICS.httpDuration.name,
      METRICS.predictions.name,
      METRICS.batchSize.name,
      METRICS.modelInfo.name,
      METRICS.tensors.name,
      METRICS.modelLoadDuration.name,
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toMatch(
      /mlops_http_requests_total\{route="\/predict",method="POST",status="200",tenant="tenant-test"\} \d+/,
    );
    expect(text).toContain(
      `mlops_model_info{model="sentiment",version="${version}",backend="js",tenant="tenant-test"} 1`,
    );
    // prom-client's default metrics keep their standard, unprefixed names.
    expect(text).toMatch(/^process_resident_memory_bytes\{tenant="tenant-test"\} \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{tenant="tenant-test"\} /m);
    expect(text).not.toContain('mlops_process_');
    expect(text).not.toContain('mlops_nodejs_');
    // Gauges misnamed *_total by prom-client are left out (promtool check metrics rejects them).
    expect(text).not.toMatch(/^nodejs_active_\w+_total/m);
    expect(exposedMetricNames()).toContain('mlops_http_request_duration_seconds_bucket');
  });
});

describe('bad input gets a clear 4xx', () => {
  it.each<[string, () => Promise<{ status: number; json: Record<string, any> }>, number, string]>([
    ['non-JSON body', () => post(`${app.url}/predict`, '{not json'), 400, 'INVALID_JSON'],
    [
      'wrong content type',
      () => post(`${app.url}/predict`, 'text=hi', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['no content type', () => post(`${app.url}/predict`, '{"text":"x"}', {}), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a JSON array body', () => post(`${app.url}/predict`, [1, 2]), 400, 'INVALID_BODY'],
    ['missing text', () => post(`${app.url}/predict`, { txt: 'x' }), 422, 'INVALID_TEXT'],
    ['empty text', () => post(`${app.url}/predict`, { text: '   ' }), 422, 'INVALID_TEXT'],
    ['non-string text', () => post(`${app.url}/predict`, { text: 42 }), 422, 'INVALID_TEXT'],
    ['text over the limit', () => post(`${app.url}/predict`, { text: 'a'.repeat(101) }), 422, 'TEXT_TOO_LONG'],
    [
      'body over the size limit',
      () => post(`${app.url}/predict`, { text: 'a'.repeat(5000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['empty batch', () => post(`${app.url}/predict/batch`, { texts: [] }), 422, 'INVALID_BATCH'],
    [
      'batch over the limit',
      () => post(`${app.url}/predict/batch`, { texts: ['a', 'b', 'c', 'd', 'e'] }),
      422,
      'BATCH_TOO_LARGE',
    ],
    ['a bad item in a batch', () => post(`${app.url}/predict/batch`, { texts: ['ok', null] }), 422, 'INVALID_TEXT'],
    ['an unknown route', async () => post(`${app.url}/nope`, {}), 404, 'NOT_FOUND'],
  ])('%s', async (_name, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.message).toEqual(expect.any(String));
    expect(JSON.stringify(res.json)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('names the limit and the value received', async () => {
    const { json } = await post(`${app.url}/predict`, { text: 'a'.repeat(101) });
    expect(json.error.message).toBe('text has 101 characters; the limit is 100');
    expect((await post(`${app.url}/predict/batch`, { texts: ['ok', 7] })).json.error.message).toBe(
      'texts[1] must be a string, got number; send {"text": "..."}',
    );
  });

  it('answers 405 with Allow for a known route and the wrong method', async () => {
    const res = await fetch(`${app.url}/predict`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('Open Inference Protocol (KServe V2)', () => {
  it('reports liveness, readiness and model metadata', async () => {
    expect(await (await fetch(`${app.url}/v2/health/live`)).json()).toEqual({ live: true });
    expect(await (await fetch(`${app.url}/v2/health/ready`)).json()).toEqual({ ready: true });
    expect(await (await fetch(`${app.url}/v2/models/sentiment/ready`)).json()).toEqual({
      name: 'sentiment',
      ready: true,
    });
    const meta = await (await fetch(`${app.url}/v2/models/sentiment`)).json();
    expect(meta).toMatchObject({
      name: 'sentiment',
      versions: [version],
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }],
    });
  });

  it('infers on a BYTES tensor of texts', async () => {
    const { status, json } = await post(`${app.url}/v2/models/sentiment/infer`, {
      id: 'req-1',
      inputs: [
        { name: 'text', datatype: 'BYTES', shape: [2], data: ['The cast was wonderful.', 'The cast was terrible.'] },
      ],
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ model_name: 'sentiment', model_version: version, id: 'req-1' });
    expect(json.outputs[0]).toEqual({ name: 'label', datatype: 'BYTES', shape: [2], data: ['positive', 'negative'] });
    expect(json.outputs[1]).toMatchObject({ name: 'probability', datatype: 'FP32', shape: [2] });
  });

  it.each<[string, unknown, number]>([
    [
      'a shape that does not match the data',
      { inputs: [{ name: 'text', datatype: 'BYTES', shape: [3], data: ['a'] }] },
      400,
    ],
    ['a non-BYTES tensor', { inputs: [{ name: 'text', datatype: 'FP32', shape: [1], data: [1] }] }, 400],
    ['no inputs', {}, 400],
  ])('answers %s in the protocol error form', async (_name, body, status) => {
    const res = await post(`${app.url}/v2/models/sentiment/infer`, body);
    expect(res.status).toBe(status);
    expect(Object.keys(res.json)).toEqual(['error']);
    expect(res.json.error).toEqual(expect.any(String));
  });

  it('answers an unknown model with 404 {"error"}', async () => {
    const res = await fetch(`${app.url}/v2/models/other`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'model "other" is not served here; this server serves "sentiment"' });
  });
});

describe('draining for shutdown (the Lifecycle given to the app factory)', () => {
  it('answers /ready and /v2/health/ready with 503 but still serves requests that arrive, with Connection: close', async () => {
    const { dir, store } = tempStore();
    await publishTestModel(store);
    const draining = await startTestApp({ MODEL_URI: `file://${dir}/sentiment` });
    try {
      const before = await post(`${draining.url}/predict`, { text: 'fine' });
      expect([(await fetch(`${draining.url}/ready`)).status, before.headers.get('connection')]).toEqual([
        200,
        'keep-alive',
      ]);
      // A request in flight when the drain starts (its body not sent yet) is answered with Connection: close too.
      const { port } = new URL(draining.url);
      const inFlight = new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/predict',
          headers: { 'content-type': 'application/json' },
        });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode, connection: res.headers.connection });
        });
        req.on('error', reject);
        req.write('{"text":');
        setTimeout(() => {
          draining.service.lifecycle.startDraining();
          req.end('"fine"}');
        }, 100);
      });
      expect(await inFlight).toEqual({ status: 200, connection: 'close' });
      const ready = await fetch(`${draining.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', reason: 'shutting down' });
      expect((await fetch(`${draining.url}/v2/health/ready`)).status).toBe(503);
      const res = await post(`${draining.url}/predict`, { text: 'fine' });
      expect(res.status).toBe(200);
      expect(res.headers.get('connection')).toBe('close');
    } finally {
      await draining.close();
    }
  });
});
