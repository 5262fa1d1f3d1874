import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadTensorFlow } from '@mlops/shared';
import { generateApiKey } from '@mlops/shared/contract';
import pino from 'pino';
import { loadConfig } from '../../../src/config/load-config.js';
import { createService, type Service } from '../../../src/create-service.js';
import { KEY_FILE_POLL_MS } from '../../../src/http/auth/api-key-store.js';
import { publishTestModel, tempStore } from '../../helpers.js';
import { issueKey, keyFile } from '../../key-file-fixtures.js';
import { kubeletSecretVolume } from '../../kubelet-secret-volume.js';

/** The real app with AUTH_MODE=required, its key file a kubelet-style Secret volume, every log line captured. */
const TENANT = 'tenant-a';
const current = issueKey(TENANT, 'current');
const next = issueKey(TENANT, 'next');
const volume = kubeletSecretVolume('api-keys', keyFile(current.stored));
let logs = '';
let service: Service;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const { dir, store } = tempStore();
  await publishTestModel(store);
  const config = loadConfig({
    TENANT,
    MODEL_URI: `file://${dir}/sentiment`,
    MODEL_POLL_INTERVAL: '0',
    AUTH_MODE: 'required',
    API_KEYS_FILE: volume.file,
  });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs += String(chunk);
      done();
    },
  });
  service = createService(config, await loadTensorFlow(), pino({ level: 'trace' }, sink));
  const server = createServer(service.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await service.models.start();
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    service.models.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
});
afterAll(async () => {
  await close();
});

const predict = (authorization?: string, path = '/predict') =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(path === '/predict' ? { text: 'A wonderful film.' } : { texts: ['A wonderful film.'] }),
  });
const bearer = (key: string) => `Bearer ${key}`;
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('API keys on the prediction routes (AUTH_MODE=required, real HTTP)', () => {
  it.each([
    ['no Authorization header', 'AUTH_MISSING', undefined, 'Bearer realm="tenant-a"'],
    ['a Basic header', 'AUTH_MALFORMED', 'Basic dXNlcjpwYXNz', 'Bearer realm="tenant-a", error="invalid_token"'],
    ['a token that is not a key', 'AUTH_MALFORMED', 'Bearer letmein', 'Bearer realm="tenant-a", error="invalid_token"'],
    [
      "tenant-b's key",
      'AUTH_WRONG_TENANT',
      bearer(generateApiKey('tenant-b')),
      'Bearer realm="tenant-a", error="invalid_token"',
    ],
    [
      'an unknown tenant-a key',
      'AUTH_UNKNOWN_KEY',
      bearer(generateApiKey(TENANT)),
      'Bearer realm="tenant-a", error="invalid_token"',
    ],
  ])('%s -> 401 %s with WWW-Authenticate', async (_name, code, authorization, challenge) => {
    const res = await predict(authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(challenge);
    expect((await errorOf(res)).code).toBe(code);
  });

  it('names both tenants when the key is for another one', async () => {
    const res = await predict(bearer(generateApiKey('tenant-b')));
    expect((await errorOf(res)).message).toBe(
      'the API key is for tenant "tenant-b", this endpoint is tenant "tenant-a"; use a key issued for "tenant-a"',
    );
  });

  it('a valid key opens /predict, /predict/batch, V2 infer, GET / and /openapi.json', async () => {
    expect((await predict(bearer(current.key))).status).toBe(200);
    expect((await predict(bearer(current.key), '/predict/batch')).status).toBe(200);
    const v2 = await fetch(`${url}/v2/models/sentiment/infer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(current.key) },
      body: JSON.stringify({ inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['Fine.'] }] }),
    });
    expect(v2.status).toBe(200);
    for (const path of ['/', '/openapi.json', '/v2/models/sentiment']) {
      expect((await fetch(`${url}${path}`)).status).toBe(401);
      expect((await fetch(`${url}${path}`, { headers: { authorization: bearer(current.key) } })).status).toBe(200);
    }
  });

  it('V2 routes answer 401 in their own error shape', async () => {
    const res = await fetch(`${url}/v2/models/sentiment`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: expect.stringContaining('Authorization: Bearer') });
  });

  it.each(['/health', '/ready', '/metrics', '/v2/health/live', '/v2/health/ready'])('%s needs no key', async (path) => {
    expect((await fetch(`${url}${path}`)).status).toBe(200);
  });

  it('counts each refusal by reason', async () => {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    for (const reason of ['missing', 'malformed', 'unknown', 'wrong_tenant'])
      expect(metrics).toMatch(
        new RegExp(`mlops_http_auth_failures_total\\{reason="${reason}",tenant="tenant-a"\\} [1-9]`),
      );
  });

  it('rotation: after the Secret gains a key both work; after revoke the old one gets 401 within the poll interval', async () => {
    volume.update(keyFile({ ...current.stored, rotated: '2026-12-02T01:00:00.000Z' }, next.stored));
    const swappedAt = Date.now();
    while ((await predict(bearer(next.key))).status !== 200)
      if (Date.now() - swappedAt > KEY_FILE_POLL_MS + 2000) throw new Error('the new key never worked');
    expect((await predict(bearer(current.key))).status).toBe(200);

    volume.update(keyFile(next.stored));
    const revokedAt = Date.now();
    while ((await predict(bearer(current.key))).status !== 401)
      if (Date.now() - revokedAt > KEY_FILE_POLL_MS + 2000) throw new Error('the revoked key kept working');
    expect(Date.now() - revokedAt).toBeLessThan(KEY_FILE_POLL_MS + 2000);
    expect((await predict(bearer(next.key))).status).toBe(200);
  }, 20_000);

  it('/openapi.json states the Bearer scheme, open probes and 401 on the guarded routes', async () => {
    const res = await fetch(`${url}/openapi.json`, { headers: { authorization: bearer(next.key) } });
    const doc = (await res.json()) as {
      security: unknown;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, { description: string }> }>>;
    };
    expect(doc.security).toEqual([{ apiKey: [] }]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/health']?.get?.security).toEqual([]);
    expect(doc.paths['/metrics']?.get?.security).toEqual([]);
    expect(doc.paths['/predict']?.post?.responses['401']?.description).toBe(
      'AUTH_MISSING, AUTH_MALFORMED, AUTH_WRONG_TENANT, AUTH_UNKNOWN_KEY',
    );
    expect(doc.paths['/predict']?.post?.responses['429']?.description).toBe(
      'OVERLOADED, RATE_LIMITED, CONCURRENCY_LIMITED',
    );
  });

  it('no key material ever reaches the logs or /metrics', async () => {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    for (const { key, stored } of [current, next]) {
      const secretPart = key.slice(`mlk_${TENANT}_`.length);
      for (const text of [logs, metrics]) {
        expect(text).not.toContain(secretPart);
        expect(text).not.toContain(stored.sha256);
      }
    }
    expect(logs).toContain('API keys reloaded'); // the logs did see the reloads, by key id only
    expect(logs).toContain('"keys":["next"]');
  });
});
