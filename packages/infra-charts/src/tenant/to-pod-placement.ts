import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { ITopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';
import { toResources } from '../pod/restricted-security.js';
import { apiSelectorLabels } from './tenant-labels.js';
import type { TenantSpec } from './tenant-spec.js';

export const ZONE_KEY = 'topology.kubernetes.io/zone';
export const HOSTNAME_KEY = 'kubernetes.io/hostname';

/** The scheduling part of the API's pod spec: spread, priority, node selection, tolerations, affinity. */
export function toPodPlacement(
  spec: TenantSpec,
): Pick<IPodSpec, 'topologySpreadConstraints' | 'priorityClassName' | 'nodeSelector' | 'tolerations' | 'affinity'> {
  const p = spec.placement;
  const spread = (topologyKey: string, mode: string): ITopologySpreadConstraint[] =>
    mode === 'off'
      ? []
      : [
          {
            maxSkew: 1,
            topologyKey,
            whenUnsatisfiable: mode as 'DoNotSchedule' | 'ScheduleAnyway',
            labelSelector: { matchLabels: apiSelectorLabels(spec.name) },
            // Only pods of the current rollout count, so a rolling update is not blocked by the old ReplicaSet.
            matchLabelKeys: ['pod-template-hash'],
          },
        ];
  const constraints = [...spread(ZONE_KEY, p.zoneSpread), ...spread(HOSTNAME_KEY, p.hostnameSpread)];
  const affinity = p.nodeAffinity;
  return {
    ...(constraints.length > 0 ? { topologySpreadConstraints: constraints } : {}),
    ...(p.priorityClassName ? { priorityClassName: p.priorityClassName } : {}),
    ...(Object.keys(p.nodeSelector).length > 0 ? { nodeSelector: { ...p.nodeSelector } } : {}),
    ...(p.tolerations.length > 0 ? { tolerations: p.tolerations.map((t) => ({ ...t })) } : {}),
    ...(affinity && (affinity.required?.length || affinity.preferred?.length)
      ? {
          affinity: {
            nodeAffinity: {
              ...(affinity.required?.length
                ? {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [{ matchExpressions: affinity.required.map((r) => ({ ...r })) }],
                    },
                  }
                : {}),
              ...(affinity.preferred?.length
                ? {
                    preferredDuringSchedulingIgnoredDuringExecution: affinity.preferred.map((w) => ({
                      weight: w.weight,
                      preference: { matchExpressions: [{ ...w.match }] },
                    })),
                  }
                : {}),
            },
          },
        }
      : {}),
  };
}

/** CPU/memory from the config, plus the GPUs of an accelerator tenant (extended resources: limit = request). */
export function toApiResources(spec: TenantSpec): IResourceRequirements {
  const base = toResources(spec);
  if (!spec.accelerator) return base;
  const gpus = String(spec.accelerator.count);
  return {
    requests: { ...base.requests, [spec.accelerator.type]: gpus },
    limits: { ...base.limits, [spec.accelerator.type]: gpus },
  };
}
