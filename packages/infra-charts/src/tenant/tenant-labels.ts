import { API_APP_NAME, APP_NAME_LABEL } from '@mlops/shared/contract';
import { LABEL_TENANT, MANAGED_BY } from '../platform-constants.js';
import type { TenantSpec } from './tenant-spec.js';

/** Immutable selector labels of a tenant's API pods: readable, never hashed, no version in them. */
export function apiSelectorLabels(tenant: string): Record<string, string> {
  return { [APP_NAME_LABEL]: API_APP_NAME, 'app.kubernetes.io/instance': tenant };
}

/** The Kubernetes recommended labels plus the tenant label, on every object of a tenant. */
export function tenantLabels(spec: TenantSpec, component: string): Record<string, string> {
  return {
    ...spec.extraLabels,
    ...apiSelectorLabels(spec.name),
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': spec.platformName,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'app.kubernetes.io/version': spec.imageTag,
    [LABEL_TENANT]: spec.name,
  };
}
