import type { IPriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { addonLabels } from '../addon-labels.js';

/** Above default (0) tenant pods, far below system-cluster-critical (2e9): add-ons are scheduled, and evicted, last. */
export const ADDON_PRIORITY_VALUE = 100_000;

/** The PriorityClass name of the platform's add-ons (`<platform>-addons`). */
export const addonPriorityClassName = (platformName: string) => `${platformName}-addons`;

/** The PriorityClass every add-on pod of the platform runs with; never the cluster default. */
export function toAddonPriorityClass(platformName: string): IPriorityClass {
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: {
      name: addonPriorityClassName(platformName),
      labels: addonLabels('scheduling', 'scheduling', platformName),
    },
    value: ADDON_PRIORITY_VALUE,
    globalDefault: false,
    preemptionPolicy: 'PreemptLowerPriority',
    description: `Platform add-ons of ${platformName} (object storage, monitoring, metrics): scheduled before tenant pods.`,
  };
}

/** Above the default (0), below the add-ons: tenant API pods preempt batch work, never the platform. */
export const TENANT_PRIORITY_VALUE = 1000;

/** The PriorityClass tenants may name (`scheduling.priorityClassName: <platform>-tenants`); synth emits it. */
export const tenantPriorityClassName = (platformName: string) => `${platformName}-tenants`;

/** The PriorityClass for tenant API pods, emitted next to the add-ons' one. */
export function toTenantPriorityClass(platformName: string): IPriorityClass {
  return {
    ...toAddonPriorityClass(platformName),
    metadata: {
      name: tenantPriorityClassName(platformName),
      labels: addonLabels('scheduling', 'scheduling', platformName),
    },
    value: TENANT_PRIORITY_VALUE,
    description: `Tenant inference APIs of ${platformName}: above best-effort work, below the platform add-ons.`,
  };
}
