import { generateConfig } from '../../bench/generate-config.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import type { Manifest } from '../../src/manifest/manifest.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { allowedFlows } from '../../src/verify/allowed-flows.js';
import { buildClusterModel } from '../../src/verify/cluster-model.js';
import { canConnect, readPolicies } from '../../src/verify/network-reachability.js';

/** The definition: ask canConnect for every pod endpoint, endpoint and port (n², test-only). */
function bruteForce(manifests: readonly Manifest[]): string[] {
  const model = buildClusterModel(manifests);
  const policies = readPolicies(manifests);
  const flows: string[] = [];
  for (const src of model.endpoints.filter((e) => !e.external))
    for (const dst of model.endpoints)
      for (const port of dst.ports)
        if (canConnect(src, dst, port, policies, model))
          flows.push(`${src.id} -> ${dst.id}:${port.port}/${port.protocol}`);
  return flows;
}
const sparse = (manifests: readonly Manifest[]) => {
  const model = buildClusterModel(manifests);
  return allowedFlows(model, readPolicies(manifests)).map((f) => `${f.from} -> ${f.to}:${f.port}`);
};

function platform(tenants: number, mutate: (docs: any[]) => void = () => {}): Manifest[] {
  const docs = structuredClone(
    synthesizeProfile(validatePlatformConfig(generateConfig(tenants)), 'kind').flatMap((f) => f.documents),
  ) as any[];
  mutate(docs);
  return docs;
}
const policy = (docs: any[], namespace: string, name: string) =>
  docs.find((d) => d.kind === 'NetworkPolicy' && d.metadata.namespace === namespace && d.metadata.name === name).spec;

describe('allowedFlows', () => {
  it.each<[string, (docs: any[]) => void]>([
    ['the synthesized platform', () => {}],
    [
      'a tenant egress open to every namespace',
      (d) => policy(d, 'tenant-0003', 'allow-same-namespace-egress').egress[0].to.push({ namespaceSelector: {} }),
    ],
    [
      'a tenant pair opened both ways on purpose',
      (d) => {
        policy(d, 'tenant-0001', 'allow-same-namespace-egress').egress[0].to.push({
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tenant-0002' } },
        });
        policy(d, 'tenant-0002', 'allow-api-ingress').ingress[0].from.push({ namespaceSelector: {} });
      },
    ],
    [
      'an egress rule without peers (everywhere) on some ports',
      (d) => policy(d, 'tenant-0004', 'allow-dns-egress').egress.push({ ports: [{ port: 8000 }] }),
    ],
    [
      'an ipBlock covering the pod network',
      (d) =>
        policy(d, 'tenant-0005', 'allow-dns-egress').egress.push({
          to: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.0.0/24'] } }],
        }),
    ],
    [
      'a namespace whose default-deny is gone',
      (d) =>
        d.splice(
          d.findIndex((x) => x.metadata.namespace === 'tenant-0006' && x.metadata.name === 'default-deny-all'),
          1,
        ),
    ],
    [
      'matchExpressions selecting tenants',
      (d) =>
        policy(d, 'tenant-0007', 'allow-api-ingress').ingress[0].from.push({
          namespaceSelector: {
            matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['tenant-0000'] }],
          },
          podSelector: {},
        }),
    ],
  ])('lists exactly the flows canConnect allows, pair by pair: %s', (_name, mutate) => {
    const manifests = platform(12, mutate);
    expect(sparse(manifests)).toEqual(bruteForce(manifests));
  });

  it('grows linearly: each isolated tenant adds the same flows (the denied n² pairs are never listed)', () => {
    const [f10, f20, f100] = [10, 20, 100].map((n) => sparse(platform(n)).length) as [number, number, number];
    expect(f20).toBeGreaterThan(f10);
    expect(f100 - f10).toBe(9 * (f20 - f10));
  });
});
