import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer } from '@mlops/inference-api';
import { clusterSmoke } from '../../src/cluster/smoke/cluster-smoke.js';
import { planNetworkProbes } from '../../src/cluster/smoke/network-plan.js';
import { startTenantApi, trainSampleModel } from '../helpers/tenant-api.js';
import { installFakeTools } from './fake-tools.js';

/**
 * `pnpm cluster smoke` against fake kubectl (no cluster here). The HTTP checks go through the fake port-forward to
 * real API servers, one per tenant; `auth can-i` and the probe pods answer from tables each test writes.
 */
const REPO = new URL('../../../', import.meta.url).pathname;
const ORIGINAL = { ...process.env };
const TENANTS = ['tenant-a', 'tenant-b'];
const servers: RunningServer[] = [];
let forwards = '';

beforeAll(async () => {
  const modelUri = await trainSampleModel();
  for (const tenant of TENANTS) {
    const server = await startTenantApi(tenant, modelUri);
    servers.push(server);
    forwards += `${tenant}-ml-inference-svc=${new URL(server.url).port} `;
  }
}, 120_000);
afterAll(async () => {
  process.env = ORIGINAL;
  await Promise.all(servers.map((s) => s.shutdown('test')));
});

/** A cluster whose answers are these lines: `auth can-i` yes-lines and reachable "namespace host port" lines. */
function cluster(canI: readonly string[], reachable: readonly string[]) {
  const fakes = installFakeTools(['kubectl']);
  writeFileSync(join(fakes.state, 'can-i'), `${canI.join('\n')}\n`);
  writeFileSync(join(fakes.state, 'net'), `${reachable.join('\n')}\n`);
  process.env = {
    ...ORIGINAL,
    PATH: fakes.path,
    FAKE_STATE: fakes.state,
    FAKE_NODE: process.execPath,
    FAKE_FORWARDS: forwards,
  };
}

const svc = (t: string) => `${t}-ml-inference-svc.${t}.svc.cluster.local`;
const OWN_READS = TENANTS.flatMap((t) =>
  ['list pods', 'get configmaps'].map(
    (q) => `auth can-i ${q} -n ${t} --as=system:serviceaccount:${t}:${t}-ml-inference-sa`,
  ),
);
const ISOLATED = [
  ...TENANTS.map((t) => `${t} ${svc(t)} 8000`),
  ...TENANTS.map((t) => `${t} kubernetes.default.svc.cluster.local dns`),
  'default 1.1.1.1 443',
];

async function smoke() {
  const lines: string[] = [];
  const ok = await clusterSmoke({
    repo: REPO,
    kubeContext: 'kind-smoke-test',
    tenants: TENANTS,
    probeImage: 'mlops/inference-api:0.1.0',
    log: (l) => lines.push(l),
    // These servers run without auth; keys, limits and the gateway are smoke-edge.test.ts's subject.
    edges: TENANTS.map((tenant) => ({ tenant, authRequired: false, burst: 0 })),
  });
  return { ok, out: lines.join('\n') };
}

describe('pnpm cluster smoke (fake kubectl, real API servers behind the port-forward)', () => {
  it('passes a cluster that behaves as dist/kind says', async () => {
    cluster(OWN_READS, ISOLATED);
    const { ok, out } = await smoke();
    expect(out).toContain('PASS  tenant-a: POST /predict answers for this tenant');
    expect(out).toContain(
      'PASS  tenant-b/tenant-b-ml-inference-sa: kubectl auth can-i matches the RBAC of dist/ — 40 answers agree',
    );
    expect(out).toContain('PASS  tenant-a -> tenant-b API — blocked (control "tenant-b -> tenant-b API" succeeded)');
    expect(out).toContain('PASS  tenant-b -> internet — blocked (control "default -> internet" succeeded)');
    // Every kubectl call names the cluster's context, never the user's current one.
    const log = readFileSync(join(process.env.FAKE_STATE ?? '', 'calls.log'), 'utf8')
      .trim()
      .split('\n');
    expect(log.length).toBeGreaterThan(50);
    for (const call of log) expect(call).toMatch(/^kubectl --context kind-smoke-test /);
    expect(out).toMatch(/\| tenant-a \| allowed \| blocked \| blocked \| allowed \|/);
    expect(ok).toBe(true);
  }, 60_000);

  it('fails a CNI that does not enforce NetworkPolicy (everything reachable), naming each wrong flow', async () => {
    cluster(OWN_READS, [
      ...ISOLATED,
      `tenant-a ${svc('tenant-b')} 8000`,
      `tenant-b ${svc('tenant-a')} 8000`,
      'tenant-a 1.1.1.1 443',
    ]);
    const { ok, out } = await smoke();
    expect(ok).toBe(false);
    expect(out).toContain('FAIL  tenant-a -> tenant-b API — allowed, but dist/ says blocked');
    expect(out).toContain('FAIL  tenant-a -> internet — allowed, but dist/ says blocked');
    expect(out).toContain('allowed (REPORT: blocked) ✖');
  }, 60_000);

  it('does not count "blocked" when the positive control fails too (target down, or no internet at all)', async () => {
    cluster(
      OWN_READS,
      ISOLATED.filter((l) => l !== `tenant-b ${svc('tenant-b')} 8000` && l !== 'default 1.1.1.1 443'),
    );
    const { ok, out } = await smoke();
    expect(ok).toBe(false);
    expect(out).toContain(
      'FAIL  tenant-a -> tenant-b API — blocked as expected, but inconclusive: the control "tenant-b -> tenant-b API" did not succeed either',
    );
    expect(out).toContain('FAIL  tenant-a -> internet — blocked as expected, but inconclusive');
  }, 60_000);

  it('fails when the API server grants what dist/ does not (a tenant reading Secrets)', async () => {
    cluster(
      [...OWN_READS, 'auth can-i get secrets -n tenant-b --as=system:serviceaccount:tenant-a:tenant-a-ml-inference-sa'],
      ISOLATED,
    );
    const { ok, out } = await smoke();
    expect(ok).toBe(false);
    expect(out).toContain(
      'FAIL  tenant-a/tenant-a-ml-inference-sa: kubectl auth can-i matches the RBAC of dist/ — get secrets in tenant-b: cluster says yes, dist/ no',
    );
  }, 60_000);
});

describe('smoke expectations from dist/kind', () => {
  it.each<[string, string, string, string, boolean]>([
    ['tenant-a/tenant-a-ml-inference-sa', 'list', 'pods', 'tenant-a', true],
    ['tenant-a/tenant-a-ml-inference-sa', 'get', 'configmaps', 'tenant-a', true],
    ['tenant-a/tenant-a-ml-inference-sa', 'list', 'pods', 'tenant-b', false],
    ['tenant-a/tenant-a-ml-inference-sa', 'get', 'secrets', 'tenant-a', false],
    ['tenant-a/tenant-a-ml-inference-sa', 'delete', 'deployments', 'tenant-a', false],
    ['tenant-a/tenant-a-ml-inference-sa', 'list', 'pods', '', false],
  ])(
    'expects what the RBAC analysis of dist/kind grants: %s %s %s in "%s" -> %s',
    async (sa, verb, resource, ns, allowed) => {
      const { analyzeRbac, can, readProfileDir } = await import('@mlops/infra-charts');
      const { grants } = analyzeRbac(readProfileDir(join(REPO, 'dist/kind')).flatMap((f) => f.documents));
      expect(can(grants, sa, verb, resource, ns)).toBe(allowed);
    },
  );

  it('plans per tenant: own API allowed, other tenants and internet blocked with controls, DNS allowed', async () => {
    const { readProfileDir } = await import('@mlops/infra-charts');
    const manifests = readProfileDir(join(REPO, 'dist/kind')).flatMap((f) => f.documents);
    const plan = planNetworkProbes(manifests, TENANTS).map(
      (p) => `${p.id}: ${p.expected ? 'allowed' : 'blocked'}${p.control ? ` [${p.control}]` : ''}`,
    );
    expect(plan).toEqual([
      'tenant-a -> tenant-a API: allowed',
      'tenant-a -> tenant-b API: blocked [tenant-b -> tenant-b API]',
      'tenant-a -> internet: blocked [default -> internet]',
      'tenant-a -> kube-dns: allowed',
      'tenant-b -> tenant-a API: blocked [tenant-a -> tenant-a API]',
      'tenant-b -> tenant-b API: allowed',
      'tenant-b -> internet: blocked [default -> internet]',
      'tenant-b -> kube-dns: allowed',
      'default -> internet: allowed',
    ]);
  });
});
