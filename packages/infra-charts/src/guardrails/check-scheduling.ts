import { describeManifest, type ManifestFile } from '../manifest/manifest.js';
import { podSpecOf } from './pod-templates.js';
import type { Violation } from './violation.js';

type Doc = { kind: string; metadata: { name: string; namespace?: string }; spec?: Record<string, unknown> };
const GPU_RESOURCE = 'nvidia.com/gpu';

/**
 * Scheduling rules on the objects themselves (the config rules catch them earlier; these hold for edited dist/ too):
 * a PodDisruptionBudget that can never allow an eviction blocks every drain, and a pod asking for GPUs must
 * tolerate the GPU nodes' taint or select them, else it lands nowhere or on a CPU node.
 */
export function checkScheduling(files: readonly ManifestFile[]): Violation[] {
  const violations: Violation[] = [];
  const docs = files.flatMap((f) => f.documents.map((d) => ({ file: f.name, d: d as unknown as Doc })));
  const minReplicas = new Map<string, number>();
  for (const { d } of docs) {
    const spec = d.spec ?? {};
    const target = (spec.scaleTargetRef as { name?: string } | undefined)?.name;
    const min =
      d.kind === 'HorizontalPodAutoscaler'
        ? spec.minReplicas
        : d.kind === 'ScaledObject'
          ? spec.minReplicaCount
          : undefined;
    if (target && typeof min === 'number') minReplicas.set(`${d.metadata.namespace}/${target}`, min);
  }
  // The lowest autoscaler minimum of the Deployments in each namespace: one pass, not one per PDB.
  const floorOf = new Map<string, number>();
  for (const { d } of docs) {
    const min = d.kind === 'Deployment' ? minReplicas.get(`${d.metadata.namespace}/${d.metadata.name}`) : undefined;
    const ns = d.metadata.namespace ?? 'default';
    if (min !== undefined) floorOf.set(ns, Math.min(min, floorOf.get(ns) ?? min));
  }
  for (const { file, d } of docs) {
    const at = { file, object: describeManifest(d as never) };
    if (d.kind === 'PodDisruptionBudget') {
      const { maxUnavailable, minAvailable } = (d.spec ?? {}) as {
        maxUnavailable?: number | string;
        minAvailable?: number | string;
      };
      if (maxUnavailable === 0 || maxUnavailable === '0%')
        violations.push({
          ...at,
          rule: 'disruption/never-evicts',
          detail: 'maxUnavailable 0 blocks every node drain; use 1',
        });
      if (typeof minAvailable === 'number') {
        const floor = floorOf.get(d.metadata.namespace ?? 'default');
        if (floor !== undefined && minAvailable >= floor)
          violations.push({
            ...at,
            rule: 'disruption/never-evicts',
            detail: `minAvailable ${minAvailable} >= the autoscaler's minimum ${floor}: at the minimum no pod may be evicted and drains block; use maxUnavailable: 1`,
          });
      }
    }
    const pod = podSpecOf(d as never) as
      | (ReturnType<typeof podSpecOf> & {
          tolerations?: unknown[];
          nodeSelector?: object;
          affinity?: { nodeAffinity?: unknown };
        })
      | undefined;
    if (!pod) continue;
    const gpu = (pod.containers ?? []).some(
      (c) => c.resources?.limits?.[GPU_RESOURCE] !== undefined || c.resources?.requests?.[GPU_RESOURCE] !== undefined,
    );
    const placed =
      (pod.tolerations?.length ?? 0) > 0 ||
      Object.keys(pod.nodeSelector ?? {}).length > 0 ||
      pod.affinity?.nodeAffinity !== undefined;
    if (gpu && !placed)
      violations.push({
        ...at,
        rule: 'scheduling/gpu-placement',
        detail: `requests ${GPU_RESOURCE} but neither tolerates nor selects GPU nodes; set the tenant's accelerator or profiles.<name>.gpu`,
      });
  }
  return violations;
}
