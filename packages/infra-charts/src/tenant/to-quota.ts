import { k8s } from 'cdk8s-plus-28';
import { tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';

/** Caps what the tenant's namespace may consume, so one tenant cannot starve the others. */
export function toResourceQuota(spec: TenantSpec): k8s.KubeResourceQuotaProps {
  const names = tenantNames(spec.name);
  const q = k8s.Quantity.fromString;
  return {
    metadata: { name: names.quota, namespace: names.namespace, labels: tenantLabels(spec, 'quota') },
    spec: {
      hard: {
        'requests.cpu': q(spec.quotaCpu),
        'limits.cpu': q(spec.quotaCpu),
        'requests.memory': q(spec.quotaMemory),
        'limits.memory': q(spec.quotaMemory),
        pods: q(String(spec.quotaPods)),
        services: q('10'),
        'services.loadbalancers': q('0'),
        'services.nodeports': q('0'),
        persistentvolumeclaims: q('0'),
      },
    },
  };
}

/** Defaults for containers that declare no resources, so they still fit the quota. */
export function toLimitRange(spec: TenantSpec): k8s.KubeLimitRangeProps {
  const names = tenantNames(spec.name);
  const q = k8s.Quantity.fromString;
  return {
    metadata: { name: names.limitRange, namespace: names.namespace, labels: tenantLabels(spec, 'quota') },
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: q(spec.limitsCpu), memory: q(spec.limitsMemory) },
          defaultRequest: { cpu: q(spec.requestsCpu), memory: q(spec.requestsMemory) },
          max: { cpu: q(spec.quotaCpu), memory: q(spec.quotaMemory) },
        },
      ],
    },
  };
}
