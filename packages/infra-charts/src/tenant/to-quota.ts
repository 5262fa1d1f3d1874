import type { ILimitRange } from 'kubernetes-models/v1/LimitRange';
import type { IResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';

/** Caps what the tenant's namespace may consume, so one tenant cannot starve the others. */
export function toResourceQuota(spec: TenantSpec): IResourceQuota {
  const names = tenantNames(spec.name);
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: names.quota, namespace: names.namespace, labels: tenantLabels(spec, 'quota') },
    spec: {
      hard: {
        'requests.cpu': spec.quotaCpu,
        'limits.cpu': spec.quotaCpu,
        'requests.memory': spec.quotaMemory,
        'limits.memory': spec.quotaMemory,
        pods: String(spec.quotaPods),
        services: '10',
        'services.loadbalancers': '0',
        'services.nodeports': '0',
        persistentvolumeclaims: '0',
        // GPU tenants: max replicas + 1 surge pod; other tenants may not request GPUs at all.
        'requests.nvidia.com/gpu': String(spec.accelerator ? spec.accelerator.count * (spec.maxReplicas + 1) : 0),
      },
    },
  };
}

/** Defaults for containers that declare no resources, so they still fit the quota. */
export function toLimitRange(spec: TenantSpec): ILimitRange {
  const names = tenantNames(spec.name);
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: names.limitRange, namespace: names.namespace, labels: tenantLabels(spec, 'quota') },
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: spec.limitsCpu, memory: spec.limitsMemory },
          defaultRequest: { cpu: spec.requestsCpu, memory: spec.requestsMemory },
          max: { cpu: spec.quotaCpu, memory: spec.quotaMemory },
        },
      ],
    },
  };
}
