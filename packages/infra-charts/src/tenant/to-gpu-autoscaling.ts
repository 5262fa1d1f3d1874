import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { WorkloadRef } from '../manifest/workload-ref.js';
import { tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';
import { toApiAutoscaler } from './to-autoscaling.js';

/** Seconds between KEDA's metric queries. */
export const KEDA_POLLING_SECONDS = 15;

/**
 * A GPU tenant scales on its queue (or the configured GPU metric) through a KEDA ScaledObject with a Prometheus
 * trigger, CPU as the second trigger (the HPA KEDA creates takes the larger of the two), and a fallback to
 * `min` replicas when Prometheus cannot be read. KEDA owns the HPA, so no plain HPA is emitted for this tenant.
 */
export function toGpuScaledObject(spec: TenantSpec, target: WorkloadRef): IScaledObject {
  const a = spec.accelerator;
  if (!a) throw new Error(`tenant ${spec.name} has no accelerator; it is scaled by a plain HPA`);
  const names = tenantNames(spec.name);
  const behavior = toApiAutoscaler(spec, target).spec?.behavior;
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: names.hpa, namespace: names.namespace, labels: tenantLabels(spec, 'autoscaling') },
    spec: {
      scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.name },
      minReplicaCount: spec.minReplicas,
      maxReplicaCount: spec.maxReplicas,
      pollingInterval: KEDA_POLLING_SECONDS,
      fallback: { failureThreshold: 3, replicas: spec.minReplicas },
      advanced: { horizontalPodAutoscalerConfig: { name: names.hpa, ...(behavior ? { behavior } : {}) } },
      triggers: [
        {
          type: 'prometheus',
          name: 'queue',
          metricType: 'AverageValue',
          metadata: { serverAddress: a.prometheusUrl, query: a.query, threshold: String(a.threshold) },
        },
        { type: 'cpu', name: 'cpu', metricType: 'Utilization', metadata: { value: String(spec.cpuTargetUtilization) } },
      ],
    },
  };
}
