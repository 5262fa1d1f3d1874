import { validatePlatformConfig } from '../../src/config/index.js';
import type { Manifest } from '../../src/manifest/manifest.js';
import { isolationReport } from '../../src/report/isolation-report.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { verifyProfile } from '../../src/verify/verify-profile.js';
import { rawDefaultConfig } from '../fixtures.js';

type Raw = ReturnType<typeof rawDefaultConfig> & { profiles: Record<string, Record<string, unknown>> };

function kindFiles(mode: 'gateway' | 'ingress') {
  const raw = rawDefaultConfig() as Raw;
  (raw.profiles.kind as Record<string, unknown>).routing = { mode, baseDomain: 'mlops.local' };
  return synthesizeProfile(validatePlatformConfig(raw), 'kind').map((f) => ({
    ...f,
    documents: structuredClone(f.documents) as Manifest[],
  }));
}

async function verify(mode: 'gateway' | 'ingress', mutate: (docs: any[]) => void = () => {}) {
  const files = kindFiles(mode);
  mutate(files.flatMap((f) => f.documents));
  const result = await verifyProfile('kind', files);
  return { ...result, report: isolationReport('kind', files, result.analysis, result.shapes) };
}
const failed = async (mode: 'gateway' | 'ingress', mutate: (docs: any[]) => void) =>
  (await verify(mode, mutate)).checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail ?? ''}`);
const find = (docs: any[], kind: string, namespace: string) =>
  docs.find((d) => d.kind === kind && d.metadata.namespace === namespace);
const policy = (docs: any[], namespace: string, name: string) =>
  docs.find((d) => d.kind === 'NetworkPolicy' && d.metadata.namespace === namespace && d.metadata.name === name);

describe('verify: the edge', () => {
  it.each(['gateway', 'ingress'] as const)('%s mode: every edge promise holds, one check per tenant', async (mode) => {
    const { checks } = await verify(mode);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    const gateway = mode === 'gateway' ? 'envoy-gateway-system/gateway' : 'ingress-nginx/gateway';
    expect(checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        `every tenant route names its gateway pods (${gateway})`,
        'gateway -> every platform namespace: blocked (it reaches tenant APIs only)',
        'internet -> every pod outside kube-system but the gateway: blocked (the only way in)',
        'tenant-a route: own hostname, own Service only',
        'gateway -> tenant-b API port 8000: allowed',
        'gateway -> tenant-a: API port 8000 only (never the probe port)',
        'internet -> tenant-b: blocked (only through the gateway)',
      ]),
    );
  });

  it("fails when tenant-a's HTTPRoute points at tenant-b's Service, naming the route", async () => {
    const problems = await failed('gateway', (docs) => {
      const ref = find(docs, 'HTTPRoute', 'tenant-a').spec.rules[0].backendRefs[0];
      Object.assign(ref, { namespace: 'tenant-b', name: 'tenant-b-ml-inference-svc' });
    });
    expect(problems).toEqual([
      'tenant-a route: own hostname, own Service only: HTTPRoute tenant-a/tenant-a-ml-inference-edge -> tenant-b/Service/tenant-b-ml-inference-svc',
    ]);
  });

  it("fails when tenant-b's Ingress claims tenant-a's hostname", async () => {
    const problems = await failed('ingress', (docs) => {
      find(docs, 'Ingress', 'tenant-b').spec.rules[0].host = 'tenant-a.mlops.local';
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^tenant-b route: own hostname, own Service only: Ingress tenant-b\/.* claims tenant-a\.mlops\.local of tenant-a$/,
      ),
    ]);
  });

  it('fails when a NetworkPolicy admits the API port from everywhere, naming the exposed pods', async () => {
    const problems = await failed('gateway', (docs) => {
      policy(docs, 'tenant-a', 'allow-api-ingress').spec.ingress.push({ ports: [{ protocol: 'TCP', port: 'http' }] });
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'internet -> every pod outside kube-system but the gateway: blocked (the only way in): tenant-a/tenant-a-ml-inference:8000/TCP',
        'internet -> tenant-a: blocked (only through the gateway): tenant-a/tenant-a-ml-inference:8000/TCP',
      ]),
    );
  });

  it('fails when a platform namespace admits the gateway', async () => {
    const problems = await failed('gateway', (docs) => {
      policy(docs, 'minio', 'allow-api-ingress').spec.ingress[0].from.push({ namespaceSelector: {} });
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^gateway -> every platform namespace: blocked \(it reaches tenant APIs only\): envoy-gateway-system\/gateway -> minio\/minio:9000\/TCP/,
        ),
      ]),
    );
  });

  it('fails when the gateway is admitted to the probe port', async () => {
    const problems = await failed('gateway', (docs) => {
      // The Deployment declares the probe port (8001, `probes`); the gateway's rule loses its port list.
      delete policy(docs, 'tenant-a', 'allow-api-ingress').spec.ingress[1].ports;
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'gateway -> tenant-a: API port 8000 only (never the probe port): envoy-gateway-system/gateway -> tenant-a/tenant-a-ml-inference:8001/TCP',
      ]),
    );
  });

  it('routing off: no edge checks and no edge section', async () => {
    const raw = rawDefaultConfig() as Raw;
    (raw.profiles.kind as Record<string, unknown>).routing = { mode: 'none' };
    const files = synthesizeProfile(validatePlatformConfig(raw), 'kind');
    const result = await verifyProfile('kind', files);
    expect(result.checks.filter((c) => /gateway|route/.test(c.name))).toEqual([]);
    expect(isolationReport('kind', files, result.analysis, result.shapes)).not.toContain('## Edge');
  });

  it('REPORT.md shows internet → gateway → tenant API per tenant shape', async () => {
    const { report } = await verify('gateway');
    expect(report).toContain('## Edge: internet → gateway → tenant API (the only way in)');
    expect(report).toContain(
      '| every tenant (2) | <tenant>.mlops.local | HTTPRoute <tenant>/<tenant>-ml-inference-edge | <tenant>/Service/<tenant>-ml-inference-svc | envoy-gateway-system/gateway -> <tenant>/<tenant>-ml-inference:8000/TCP |',
    );
    expect(report).toContain('| envoy-gateway-system | 8000/TCP | none |');
  });
});
