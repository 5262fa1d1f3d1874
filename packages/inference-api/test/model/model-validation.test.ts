import { S3Store } from '@mlops/shared';
import { startS3Server, type TestS3Server } from '@mlops/shared/testing';
import { FAULTS, type Fault, publishCopy } from '@mlops/shared/testing/faults';
import * as tf from '@mlops/shared/tf';
import { post, publishTestModel, startTestApp, type TestApp, tempStore } from '../helpers.js';

const memory = () => {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
};
const metric = async (app: TestApp, pattern: RegExp) => {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
};
// After the real-time version publishTestModel makes, in publish order.
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute));

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('a candidate version must validate before it serves (file store)', () => {
  it('rejects a NaN version without leaking, remembers it, then serves the next good one', async () => {
    const { dir, store } = tempStore();
    const good = await publishTestModel(store);
    app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment` });
    await post(`${app.url}/predict`, { text: 'warm up' });
    const before = memory();

    const bad = await publishCopy(store, 'sentiment', good, { fault: 'nan-weights', now: at(1) });
    expect(await app.service.models.checkForNewVersion()).toBe(good);
    expect(memory()).toEqual(before);
    const served = await post(`${app.url}/predict`, { text: 'The movie was wonderful.' });
    expect(served.json).toMatchObject({ model_version: good, prediction: 'positive' });
    expect(served.json.confidence).toEqual(expect.any(Number));
    const rejections = /mlops_model_rejections_total\{reason="validation",tenant="tenant-test"\} (\d+)/;
    expect(await metric(app, rejections)).toBe(1);

    // Polled again: the same content is not loaded (or counted) again.
    const loadsBefore = await metric(app, /mlops_model_load_duration_seconds_count\{result="failure"[^}]*\} (\d+)/);
    await app.service.models.checkForNewVersion();
    await app.service.models.checkForNewVersion();
    expect(await metric(app, rejections)).toBe(1);
    expect(await metric(app, /mlops_model_load_duration_seconds_count\{result="failure"[^}]*\} (\d+)/)).toBe(
      loadsBefore,
    );
    expect(bad).not.toBe(good);

    const next = await publishCopy(store, 'sentiment', good, { now: at(2) });
    expect(await app.service.models.checkForNewVersion()).toBe(next);
    expect((await post(`${app.url}/predict`, { text: 'fine' })).json.model_version).toBe(next);
    await new Promise((r) => setImmediate(r));
    expect(memory()).toEqual(before); // the replaced model was disposed, the rejected one never stayed
  });

  it.each(Object.entries(FAULTS) as Array<[Fault, string]>)(
    'counts a version with %s as a rejection with reason %s and keeps serving',
    async (fault, reason) => {
      const { dir, store } = tempStore();
      const good = await publishTestModel(store);
      app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment` });
      const before = memory();
      await publishCopy(store, 'sentiment', good, { fault, now: at(1) });
      expect(await app.service.models.checkForNewVersion()).toBe(good);
      expect(memory()).toEqual(before);
      const pattern = new RegExp(`mlops_model_rejections_total\\{reason="${reason}",tenant="tenant-test"\\} (\\d+)`);
      expect(await metric(app, pattern)).toBe(1);
    },
  );
});

describe('falling back to the last good version at start', () => {
  it('serves the newest older version that validates when LATEST cannot, and says so', async () => {
    const { dir, store } = tempStore();
    const first = await publishTestModel(store);
    const second = await publishCopy(store, 'sentiment', first, { now: at(1) });
    await publishCopy(store, 'sentiment', first, { fault: 'truncated-weights', now: at(2) });
    const latest = await publishCopy(store, 'sentiment', first, { fault: 'nan-weights', now: at(3) });
    app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment` });
    expect((await fetch(`${app.url}/ready`)).status).toBe(200);
    const info = (await (await fetch(`${app.url}/`)).json()) as { model: Record<string, unknown> };
    expect(info.model).toMatchObject({ version: second, fallback_from: latest });
    expect(await metric(app, /mlops_model_fallbacks_total\{tenant="tenant-test"\} (\d+)/)).toBe(1);
    expect(await metric(app, new RegExp(`mlops_model_info\\{[^}]*version="${second}"[^}]*\\} (\\d+)`))).toBe(1);
    // LATEST is still the rejected version: polls do not retry it.
    expect(await app.service.models.checkForNewVersion()).toBe(second);
    const fixed = await publishCopy(store, 'sentiment', first, { now: at(4) });
    expect(await app.service.models.checkForNewVersion()).toBe(fixed);
    const after = (await (await fetch(`${app.url}/`)).json()) as { model: Record<string, unknown> };
    expect(after.model).toMatchObject({ version: fixed, fallback_from: null });
  });

  it('stays not ready, without leaking, when no version is usable', async () => {
    const { dir, store } = tempStore();
    const good = await publishTestModel(store);
    const first = await publishCopy(store, 'sentiment', good, { fault: 'wrong-architecture', now: at(1) });
    await publishCopy(store, 'sentiment', good, { fault: 'nan-weights', now: at(2) });
    const { rm } = await import('node:fs/promises');
    await rm(`${dir}/sentiment/${good}`, { recursive: true });
    const before = memory();
    app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment` }, { waitForModel: false });
    await new Promise((r) => setTimeout(r, 1500)); // several retries with backoff
    const ready = await fetch(`${app.url}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toMatch(
      /no usable version: LATEST v\S+ cannot serve \(v\S+ rejected \(validation\).*\); 1 older version\(s\) cannot either/,
    );
    expect(memory()).toEqual(before);
    expect(await metric(app, /mlops_model_rejections_total\{reason="load",tenant="tenant-test"\} (\d+)/)).toBe(1);
    expect(first).toMatch(/^v/);
  });

  it('does not fall back for a pinned version: it fails clearly and stops retrying', async () => {
    const { dir, store } = tempStore();
    const good = await publishTestModel(store);
    const bad = await publishCopy(store, 'sentiment', good, { fault: 'nan-weights', now: at(1), moveLatest: false });
    app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment/${bad}` }); // start() returns: nothing to retry
    const ready = await fetch(`${app.url}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toContain(`${bad} rejected (validation)`);
    expect(await metric(app, /mlops_model_fallbacks_total\{tenant="tenant-test"\} (\d+)/)).toBe(0);
    expect((await post(`${app.url}/predict`, { text: 'hi' })).status).toBe(503);
  });
});

describe('against a real S3-compatible server (s3rver)', () => {
  let s3: TestS3Server;
  const env = { ...process.env };
  beforeAll(async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    s3 = await startS3Server(['models']);
  });
  afterAll(async () => {
    process.env = env;
    await s3.stop();
  });

  it('falls back past a bad LATEST, and counts a LATEST that cannot be read', async () => {
    const store = new S3Store({ bucket: 'models', prefix: 'fb', endpoint: s3.endpoint, credentials: s3.credentials });
    const good = await publishTestModel(store);
    await publishCopy(store, 'sentiment', good, { fault: 'probe-drift', now: at(1) });
    app = await startTestApp({ MODEL_URI: 's3://models/fb/sentiment', S3_ENDPOINT: s3.endpoint });
    expect(((await (await fetch(`${app.url}/`)).json()) as { model: { version: string } }).model.version).toBe(good);
    expect(await metric(app, /mlops_model_fallbacks_total\{tenant="tenant-test"\} (\d+)/)).toBe(1);
    const latestErrors = /mlops_model_store_errors_total\{operation="latest",tenant="tenant-test"\} (\d+)/;
    expect(await metric(app, latestErrors)).toBe(0);
    await store.write('sentiment/LATEST', new TextEncoder().encode('<html>oops</html>'));
    expect(await app.service.models.checkForNewVersion()).toBe(good);
    expect(await metric(app, latestErrors)).toBe(1);
    expect((await post(`${app.url}/predict`, { text: 'still served' })).status).toBe(200);
  });
});
