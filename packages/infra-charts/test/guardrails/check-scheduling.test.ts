import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../src/cli/repo-paths.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import { checkScheduling } from '../../src/guardrails/check-scheduling.js';
import type { Manifest } from '../../src/manifest/manifest.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';

type Doc = any;
const files = () =>
  synthesizeProfile(
    validatePlatformConfig(parse(readFileSync(join(REPO_ROOT, 'examples/eks-s3-gpu.config.yaml'), 'utf8'))),
    'eks',
  ).map((f) => ({ ...f, documents: structuredClone(f.documents) as Manifest[] }));
function violationsAfter(mutate: (docs: Doc[]) => void): string[] {
  const out = files();
  mutate(out.flatMap((f) => f.documents));
  return checkScheduling(out).map((v) => `${v.file}: ${v.object}: ${v.rule}: ${v.detail}`);
}
const find = (docs: Doc[], kind: string, namespace: string) =>
  docs.find((d) => d.kind === kind && d.metadata.namespace === namespace);

describe('scheduling guardrails on the objects', () => {
  it('pass the synthesized example', () => {
    expect(violationsAfter(() => {})).toEqual([]);
  });

  it.each<[string, (docs: Doc[]) => void, RegExp]>([
    [
      'a PDB with maxUnavailable 0',
      (docs) => (find(docs, 'PodDisruptionBudget', 'tenant-a').spec = { maxUnavailable: 0, selector: {} }),
      /^50-tenant-tenant-a\.yaml: PodDisruptionBudget tenant-a\/tenant-a-ml-inference-pdb: disruption\/never-evicts: maxUnavailable 0 blocks every node drain/,
    ],
    [
      "a PDB minAvailable at the HPA's minimum",
      (docs) => (find(docs, 'PodDisruptionBudget', 'tenant-a').spec = { minAvailable: 2, selector: {} }),
      /disruption\/never-evicts: minAvailable 2 >= the autoscaler's minimum 2/,
    ],
    [
      "a PDB minAvailable at the ScaledObject's minimum",
      (docs) => (find(docs, 'PodDisruptionBudget', 'tenant-gpu').spec = { minAvailable: 1, selector: {} }),
      /tenant-gpu-ml-inference-pdb: disruption\/never-evicts: minAvailable 1 >= the autoscaler's minimum 1/,
    ],
    [
      'a GPU pod that neither tolerates nor selects GPU nodes',
      (docs) => {
        const pod = find(docs, 'Deployment', 'tenant-gpu').spec.template.spec;
        delete pod.tolerations;
        delete pod.nodeSelector;
      },
      /^50-tenant-tenant-gpu\.yaml: Deployment tenant-gpu\/tenant-gpu-ml-inference: scheduling\/gpu-placement: requests nvidia\.com\/gpu/,
    ],
  ])('refuse %s', (_name, mutate, expected) => {
    const violations = violationsAfter(mutate);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(expected);
  });

  it('accept a PDB minAvailable below the minimum (before -> after raising it)', () => {
    const set = (n: number) => (docs: Doc[]) =>
      (find(docs, 'PodDisruptionBudget', 'tenant-a').spec = { minAvailable: n, selector: {} });
    expect(violationsAfter(set(1))).toEqual([]);
    expect(violationsAfter(set(3))).toHaveLength(1);
  });
});
