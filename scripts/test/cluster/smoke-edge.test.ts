import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type RunningServer, runServer } from '@mlops/inference-api';
import { loadTensorFlow } from '@mlops/shared';
import { createKey } from '../../src/cluster/keys/cluster-keys.js';
import { clusterSmoke } from '../../src/cluster/smoke/cluster-smoke.js';
import type { TenantEdge } from '../../src/cluster/smoke/edge-plan.js';
import { trainSampleModel } from '../helpers/tenant-api.js';
import { selfSignedCertificate, startFakeGateway } from './fake-gateway.js';
import { installFakeTools } from './fake-tools.js';

/**
 * `pnpm cluster smoke --via-gateway` against fake kubectl (no cluster or Gateway here). Real parts: the tenant APIs
 * with AUTH_MODE=required and rate limits, a real HTTPS server routing by Host as the Gateway would, real TLS with a
 * self-signed certificate checked by its CA, the key Secrets in the fake's store, and a fake kubelet that copies each
 * key Secret into its API's key file (as a Secret volume update would).
 */
const REPO = new URL('../../../', import.meta.url).pathname;
const ORIGINAL = { ...process.env };
const TENANTS = ['tenant-a', 'tenant-b'];
const HOST = (t: string) => `${t}.edge.test`;
const K = 'kind-smoke-test';
const tls = selfSignedCertificate(TENANTS.map(HOST));
const servers: RunningServer[] = [];
const upstream: Record<string, string> = {};
let routes: Record<string, string> = {};
let gateway: Awaited<ReturnType<typeof startFakeGateway>>;
let kubelet: NodeJS.Timeout;
let fakes: { path: string; state: string };
const keyFiles = new Map<string, string>();

/** Copies each fake key Secret's `api-keys` into the tenant's key file, like kubelet's Secret volume sync. */
function syncSecretVolumes() {
  for (const [tenant, file] of keyFiles) {
    const secret = JSON.parse(readFileSync(join(fakes.state, 'secrets', `${tenant}__${tenant}-api-keys.json`), 'utf8'));
    const text = Buffer.from(secret.data['api-keys'], 'base64').toString('utf8');
    if (readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
  }
}

beforeAll(async () => {
  fakes = installFakeTools(['kubectl']);
  process.env = { ...ORIGINAL, PATH: fakes.path, FAKE_STATE: fakes.state, FAKE_NODE: process.execPath };
  // `pnpm cluster up` gave each tenant a first key; the smoke test must not need it.
  for (const tenant of TENANTS) {
    await createKey({ kubeContext: K, tenants: TENANTS, log: () => {}, reveal: () => {} }, tenant);
    const file = join(mkdtempSync(join(tmpdir(), 'api-keys-')), 'api-keys');
    writeFileSync(file, '');
    keyFiles.set(tenant, file);
  }
  syncSecretVolumes();
  const modelUri = await trainSampleModel();
  let forwards = '';
  for (const tenant of TENANTS) {
    const config = loadConfig({
      TENANT: tenant,
      MODEL_URI: modelUri,
      PORT: String(21000 + Math.floor(Math.random() * 4000)),
      LOG_LEVEL: 'silent',
      AUTH_MODE: 'required',
      API_KEYS_FILE: keyFiles.get(tenant) ?? '',
      RATE_LIMIT_RPS: '1',
      RATE_LIMIT_BURST: '3',
    });
    const server = await runServer(config, await loadTensorFlow());
    for (let i = 0; i < 100 && (await fetch(`${server.url}/ready`)).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 100));
    servers.push(server);
    upstream[tenant] = server.url;
    forwards += `${tenant}-ml-inference-svc=${new URL(server.url).port} `;
  }
  gateway = await startFakeGateway(tls, () => routes);
  process.env.FAKE_FORWARDS = `${forwards}platform-gateway=${gateway.port}`;
  writeFileSync(join(fakes.state, 'can-i'), '');
  writeFileSync(join(fakes.state, 'net'), '');
  kubelet = setInterval(syncSecretVolumes, 200);
}, 180_000);
afterAll(async () => {
  clearInterval(kubelet);
  process.env = ORIGINAL;
  gateway.server.close();
  await Promise.all(servers.map((s) => s.shutdown('test')));
});

const EDGES: TenantEdge[] = TENANTS.map((tenant) => ({ tenant, authRequired: true, burst: 3, hostname: HOST(tenant) }));

async function smoke(keyPropagationMs: number) {
  const lines: string[] = [];
  const ok = await clusterSmoke({
    repo: REPO,
    kubeContext: K,
    tenants: TENANTS,
    probeImage: 'mlops/inference-api:0.1.0',
    internet: false,
    log: (l) => lines.push(l),
    edges: EDGES,
    gateway: { namespace: 'platform-edge', service: 'platform-gateway', ca: tls.cert },
    keyPropagationMs,
  });
  return { ok, out: lines.join('\n') };
}

const secretIds = (tenant: string) => {
  const secret = JSON.parse(readFileSync(join(fakes.state, 'secrets', `${tenant}__${tenant}-api-keys.json`), 'utf8'));
  return (
    JSON.parse(Buffer.from(secret.data['api-keys'], 'base64').toString('utf8')) as { keys: { id: string }[] }
  ).keys.map((k) => k.id);
};

describe('pnpm cluster smoke --via-gateway (fake kubectl and kubelet, real TLS gateway and API servers)', () => {
  it('per tenant over TLS by hostname: own key 200, other tenant key 401, no key 401, over the limit 429', async () => {
    routes = { [HOST('tenant-a')]: upstream['tenant-a'] ?? '', [HOST('tenant-b')]: upstream['tenant-b'] ?? '' };
    const before = TENANTS.map(secretIds);
    const { ok, out } = await smoke(20_000);
    for (const tenant of TENANTS) {
      expect(out).toContain(`PASS  ${tenant}: POST /predict answers for this tenant`);
      expect(out).toContain(`PASS  ${tenant}: POST /predict without a key -> 401`);
      expect(out).toContain(`PASS  ${tenant}: POST https://${HOST(tenant)}/predict over TLS with its own key -> 200`);
      expect(out).toContain(`PASS  ${tenant}: without a key -> 401`);
      expect(out).toContain(`PASS  ${tenant}: with another tenant's key -> 401`);
      expect(out).toMatch(
        new RegExp(`PASS  ${tenant}: over its limit -> 429 with Retry-After — HTTP 429 .*RATE_LIMITED`),
      );
    }
    expect(out).toMatch(/smoke key k\d{8}-[0-9a-f]{4} added to tenant-a's key Secret/);
    expect(out).not.toMatch(/mlk_/); // the smoke keys never reach the output
    expect(readFileSync(join(fakes.state, 'calls.log'), 'utf8')).not.toMatch(/mlk_/);
    expect(TENANTS.map(secretIds)).toEqual(before); // smoke keys revoked afterwards
    // RBAC and network probes are the other smoke tests' subject; with empty tables they fail here.
    expect(ok).toBe(false);
    expect(out).not.toMatch(/FAIL {2}tenant-[ab]: (POST|without|with another|over its)/);
  }, 180_000);

  it("fails when the gateway sends tenant-a's hostname to tenant-b's API", async () => {
    routes = { [HOST('tenant-a')]: upstream['tenant-b'] ?? '', [HOST('tenant-b')]: upstream['tenant-b'] ?? '' };
    const { out } = await smoke(3_000);
    expect(out).toMatch(
      /FAIL {2}tenant-a: POST https:\/\/tenant-a\.edge\.test\/predict over TLS with its own key -> 200 — HTTP 401 .*AUTH_WRONG_TENANT/,
    );
    expect(out).toContain('PASS  tenant-b: POST https://tenant-b.edge.test/predict over TLS with its own key -> 200');
  }, 180_000);

  it('fails a certificate the given CA did not sign', async () => {
    routes = { [HOST('tenant-a')]: upstream['tenant-a'] ?? '', [HOST('tenant-b')]: upstream['tenant-b'] ?? '' };
    const other = selfSignedCertificate(['elsewhere.test']);
    const lines: string[] = [];
    const ok = await clusterSmoke({
      repo: REPO,
      kubeContext: K,
      tenants: TENANTS,
      probeImage: 'x',
      internet: false,
      log: (l) => lines.push(l),
      edges: EDGES,
      gateway: { namespace: 'platform-edge', service: 'platform-gateway', ca: other.cert },
      keyPropagationMs: 1_000,
    });
    expect(ok).toBe(false);
    for (const tenant of TENANTS)
      expect(lines.join('\n')).toMatch(
        new RegExp(
          `FAIL  ${tenant}: https://${tenant}\\.edge\\.test through the gateway — .*(self[- ]signed certificate|unable to verify)`,
        ),
      );
    expect(TENANTS.map(secretIds).every((ids) => ids.length === 1)).toBe(true); // revoked even on failure
  }, 180_000);
});

describe('planTenantEdges (what smoke expects of each tenant, from dist/)', () => {
  const meta = (kind: string, namespace: string, extra: object) => ({
    apiVersion: 'v1',
    kind,
    metadata: { name: 'x', namespace },
    ...extra,
  });
  it.each([
    [
      'Gateway API routing, auth and limits on',
      [
        meta('ConfigMap', 'tenant-a', { data: { TENANT: 'tenant-a', AUTH_MODE: 'required', RATE_LIMIT_BURST: '20' } }),
        meta('HTTPRoute', 'tenant-a', { spec: { hostnames: ['tenant-a.example.com'] } }),
      ],
      { tenant: 'tenant-a', authRequired: true, burst: 20, hostname: 'tenant-a.example.com' },
    ],
    [
      'Ingress routing',
      [
        meta('ConfigMap', 'tenant-a', { data: { TENANT: 'tenant-a', AUTH_MODE: 'required' } }),
        meta('Ingress', 'tenant-a', { spec: { rules: [{ host: 'a.example.com' }] } }),
      ],
      { tenant: 'tenant-a', authRequired: true, burst: 0, hostname: 'a.example.com' },
    ],
    [
      "no routing, auth off, another tenant's route ignored",
      [
        meta('ConfigMap', 'tenant-a', { data: { TENANT: 'tenant-a' } }),
        meta('HTTPRoute', 'tenant-b', { spec: { hostnames: ['tenant-b.example.com'] } }),
      ],
      { tenant: 'tenant-a', authRequired: false, burst: 0 },
    ],
  ])('%s', async (_name, manifests, expected) => {
    const { planTenantEdges } = await import('../../src/cluster/smoke/edge-plan.js');
    expect(planTenantEdges(manifests, ['tenant-a'])).toEqual([expected]);
  });
});
