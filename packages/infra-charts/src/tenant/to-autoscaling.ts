import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { WorkloadRef } from '../manifest/workload-ref.js';
import { tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';

/** Scale-down waits this long, so a short lull does not drop capacity (the reference's 5 minutes). */
export const SCALE_DOWN_STABILIZATION_SECONDS = 300;

/** HPA on CPU for `target`: scale up at once (stabilization 0), scale down after 5 minutes, between min and max. */
export function toApiAutoscaler(spec: TenantSpec, target: WorkloadRef): IHorizontalPodAutoscaler {
  const names = tenantNames(spec.name);
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: names.hpa, namespace: names.namespace, labels: tenantLabels(spec, 'autoscaling') },
    spec: {
      scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.name },
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.cpuTargetUtilization } },
        },
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Percent', value: 100, periodSeconds: 15 },
            { type: 'Pods', value: 4, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: SCALE_DOWN_STABILIZATION_SECONDS,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
        },
      },
    },
  };
}

/** Bounds voluntary disruptions (node drains, upgrades) as the config's replica bounds allow (resolve-placement.ts). */
export function toApiDisruptionBudget(spec: TenantSpec, selects: WorkloadRef): IPodDisruptionBudget {
  const names = tenantNames(spec.name);
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: names.pdb, namespace: names.namespace, labels: tenantLabels(spec, 'availability') },
    spec: { ...spec.disruption, selector: { matchLabels: { ...selects.selector } } },
  };
}
