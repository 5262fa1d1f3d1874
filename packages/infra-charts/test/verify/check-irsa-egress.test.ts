import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../src/cli/repo-paths.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { checkIrsaEgress, containsCidr } from '../../src/verify/check-irsa-egress.js';
import { defaultConfig } from '../fixtures.js';

type Doc = any;
const example = () =>
  validatePlatformConfig(parse(readFileSync(join(REPO_ROOT, 'examples/eks-s3-gpu.config.yaml'), 'utf8')));
/** The example's manifests after `mutate`, and the IRSA checks that fail on them. */
function failures(mutate: (docs: Doc[]) => void) {
  const docs = structuredClone(synthesizeProfile(example(), 'eks').flatMap((f) => f.documents)) as Doc[];
  mutate(docs);
  return checkIrsaEgress(docs)
    .filter((c) => !c.ok)
    .map((c) => `${c.name}: ${c.detail}`);
}
const irsaPolicy = (docs: Doc[], ns: string) =>
  docs.find(
    (d) => d.kind === 'NetworkPolicy' && d.metadata.namespace === ns && d.metadata.name === 'allow-irsa-egress',
  );

describe('IRSA egress check', () => {
  it('passes the synthesized example: every IRSA workload (trainer, tenants) reaches STS and S3 on 443 and nothing more', () => {
    const checks = checkIrsaEgress(synthesizeProfile(example(), 'eks').flatMap((f) => f.documents));
    expect(checks.map((c) => c.name)).toEqual([
      'mlops-system/model-trainer -> STS 192.168.96.0/19, 192.168.128.0/19, 192.168.160.0/19 443/TCP (IRSA): allowed',
      'mlops-system/model-trainer -> S3 192.168.96.0/19, 192.168.128.0/19, 192.168.160.0/19 443/TCP (IRSA): allowed',
      'mlops-system/model-trainer: IRSA egress is 443/TCP to its STS/S3 endpoints only',
      'tenant-a/tenant-a-ml-inference -> STS 192.168.96.0/19, 192.168.128.0/19, 192.168.160.0/19 443/TCP (IRSA): allowed',
      'tenant-a/tenant-a-ml-inference -> S3 192.168.96.0/19, 192.168.128.0/19, 192.168.160.0/19 443/TCP (IRSA): allowed',
      'tenant-a/tenant-a-ml-inference: IRSA egress is 443/TCP to its STS/S3 endpoints only',
      'tenant-gpu/tenant-gpu-ml-inference -> STS 192.168.96.0/19, 192.168.128.0/19, 192.168.160.0/19 443/TCP (IRSA): allowed',
      'tenant-gpu/tenant-gpu-ml-inference -> S3 192.168.96.0/19, 192.168.128.0/19, 192.168.160.0/19 443/TCP (IRSA): allowed',
      'tenant-gpu/tenant-gpu-ml-inference: IRSA egress is 443/TCP to its STS/S3 endpoints only',
    ]);
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('checks nothing for MinIO tenants (no IRSA role)', () => {
    expect(checkIrsaEgress(synthesizeProfile(defaultConfig(), 'kind').flatMap((f) => f.documents))).toEqual([]);
  });

  it.each<[string, (docs: Doc[]) => void, RegExp[]]>([
    [
      'the IRSA policy is missing',
      (docs) => docs.splice(docs.indexOf(irsaPolicy(docs, 'tenant-a')), 1),
      [/^tenant-a\/tenant-a-ml-inference -> STS .*: not reachable: 192\.168\.96\.0\/19, /, /-> S3 .*not reachable/],
    ],
    [
      'the policy lost one endpoint subnet',
      (docs) => irsaPolicy(docs, 'tenant-a').spec.egress[0].to.pop(),
      [/-> STS .*: not reachable: 192\.168\.160\.0\/19;/, /-> S3 .*: not reachable: 192\.168\.160\.0\/19;/],
    ],
    [
      'the policy allows port 80 instead of 443',
      (docs) => (irsaPolicy(docs, 'tenant-a').spec.egress[0].ports = [{ protocol: 'TCP', port: 80 }]),
      [
        /-> STS .*not reachable/,
        /-> S3 .*not reachable/,
        /IRSA egress is 443\/TCP .* only: allow-irsa-egress opens 192\.168\.96\.0\/19 on more than 443\/TCP/,
      ],
    ],
    [
      'the policy opens every port',
      (docs) => delete irsaPolicy(docs, 'tenant-a').spec.egress[0].ports,
      [
        /^tenant-a\/tenant-a-ml-inference: IRSA egress .*allow-irsa-egress opens 192\.168\.96\.0\/19 on more than 443\/TCP/,
      ],
    ],
    [
      'another policy opens every destination',
      (docs) => irsaPolicy(docs, 'tenant-gpu').spec.egress.push({ ports: [{ protocol: 'TCP', port: 443 }] }),
      [/^tenant-gpu\/tenant-gpu-ml-inference: IRSA egress .*: allow-irsa-egress allows egress to every destination$/],
    ],
    [
      'the declared endpoint is the whole internet',
      (docs) => {
        const sa = docs.find((d) => d.kind === 'ServiceAccount' && d.metadata.namespace === 'tenant-a');
        sa.metadata.annotations['mlops.platform/irsa-s3-cidrs'] = '0.0.0.0/0';
        irsaPolicy(docs, 'tenant-a').spec.egress[0].to.push({ ipBlock: { cidr: '0.0.0.0/0' } });
      },
      [/IRSA egress .*0\.0\.0\.0\/0 is the whole internet, not an AWS endpoint/],
    ],
    [
      'the endpoints are not declared on the ServiceAccount',
      (docs) => {
        const sa = docs.find((d) => d.kind === 'ServiceAccount' && d.metadata.namespace === 'tenant-a');
        delete sa.metadata.annotations['mlops.platform/irsa-sts-cidrs'];
      },
      [/-> STS \(none\) 443\/TCP \(IRSA\): allowed: not reachable: \(none declared\)/],
    ],
    [
      'no workload runs as the IRSA ServiceAccount',
      (docs) => {
        const d = docs.find((x) => x.kind === 'Deployment' && x.metadata.namespace === 'tenant-a');
        d.spec.template.spec.serviceAccountName = 'default';
      },
      [/^tenant-a: IRSA role of tenant-a-ml-inference-sa is used by a workload: no pod template/],
    ],
  ])('fails when %s', (_name, mutate, expected) => {
    const failed = failures(mutate);
    expect(failed).toHaveLength(expected.length);
    for (const pattern of expected) expect(failed).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });

  it.each([
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.0.0.0/8', false],
    ['192.168.96.0/19', '192.168.100.0/24', true],
    ['192.168.96.0/19', '192.168.128.0/19', false],
    ['0.0.0.0/0', '52.1.2.0/24', true],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(containsCidr(outer, inner)).toBe(expected);
  });
});
