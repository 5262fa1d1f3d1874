import { S3Store } from '@mlops/shared';
import { startS3Server, type TestS3Server } from '@mlops/shared/testing';
import { post, publishTestModel, startTestApp, type TestApp } from '../helpers.js';

const creds = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  env = { ...process.env };
  Object.assign(process.env, creds);
});
afterAll(() => {
  process.env = env;
});

async function freePort(): Promise<number> {
  const server = await startS3Server([]);
  const port = Number(new URL(server.endpoint).port);
  await server.stop();
  return port;
}

describe('model lifecycle against a real S3-compatible server (s3rver on loopback)', () => {
  let s3: TestS3Server | undefined;
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    await s3?.stop();
    app = undefined;
    s3 = undefined;
  });

  it('stays not-ready while storage is down, then becomes ready when it comes up', async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    app = await startTestApp({ MODEL_URI: 's3://models/sentiment', S3_ENDPOINT: endpoint }, { waitForModel: false });
    await new Promise((r) => setTimeout(r, 700));
    const notReady = await fetch(`${app.url}/ready`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { reason: string }).reason).toMatch(/model not loaded: .*unreachable/);
    expect((await post(`${app.url}/predict`, { text: 'hi' })).json.error.code).toBe('MODEL_NOT_READY');
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    const latestErrors = /mlops_model_store_errors_total\{operation="latest",tenant="tenant-test"\} (\d+)/.exec(
      metrics,
    );
    expect(Number(latestErrors?.[1])).toBeGreaterThanOrEqual(1);
    s3 = await startS3Server(['models'], port);
    await publishTestModel(
      new S3Store({ bucket: 'models', endpoint, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
    );
    const until = Date.now() + 20_000;
    while ((await fetch(`${app.url}/ready`)).status !== 200) {
      if (Date.now() > until) throw new Error('never became ready');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await post(`${app.url}/predict`, { text: 'The movie was wonderful.' })).status).toBe(200);
  }, 60_000);

  it('serves a newly published version without a restart, and rejects a corrupt one while the old keeps serving', async () => {
    s3 = await startS3Server(['models']);
    const store = new S3Store({
      bucket: 'models',
      endpoint: s3.endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const first = await publishTestModel(store, 1);
    app = await startTestApp({ MODEL_URI: 's3://models/sentiment', S3_ENDPOINT: s3.endpoint });
    expect((await post(`${app.url}/predict`, { text: 'fine' })).json.model_version).toBe(first);

    await new Promise((r) => setTimeout(r, 1100)); // versions carry a one-second timestamp
    const second = await publishTestModel(store, 2);
    // In-flight traffic during the swap must not fail.
    const during = Promise.all(Array.from({ length: 50 }, () => post(`${app!.url}/predict`, { text: 'a fine film' })));
    expect(await app.service.models.checkForNewVersion()).toBe(second);
    expect((await during).every((r) => r.status === 200)).toBe(true);
    expect((await post(`${app.url}/predict`, { text: 'fine' })).json.model_version).toBe(second);

    await new Promise((r) => setTimeout(r, 1100));
    const third = await publishTestModel(store, 3);
    const weights = await store.read(`sentiment/${third}/weights.bin`);
    weights[10] = (weights[10] ?? 0) ^ 0xff;
    await store.write(`sentiment/${third}/weights.bin`, weights);
    expect(await app.service.models.checkForNewVersion()).toBe(second);
    expect((await post(`${app.url}/predict`, { text: 'fine' })).json.model_version).toBe(second);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/mlops_model_reloads_total\{result="failure",tenant="tenant-test"\} 1/);
    expect(metrics).toMatch(/mlops_model_reloads_total\{result="success",tenant="tenant-test"\} 1/);
  }, 60_000);
});
