import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';
import { irsaAnnotations } from './to-irsa-egress.js';

/** The API's identity; no token is mounted because the API never calls the Kubernetes API. */
export function toServiceAccount(spec: TenantSpec): IServiceAccount {
  const names = tenantNames(spec.name);
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: names.serviceAccount,
      namespace: names.namespace,
      labels: tenantLabels(spec, 'identity'),
      ...(spec.irsaRoleArn ? { annotations: irsaAnnotations(spec) } : {}),
    },
    automountServiceAccountToken: false,
  };
}

/** Read-only access to the tenant's own pods, services and configmaps; never secrets. */
export function toReaderRole(spec: TenantSpec): IRole {
  const names = tenantNames(spec.name);
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: names.role, namespace: names.namespace, labels: tenantLabels(spec, 'rbac') },
    rules: [{ apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] }],
  };
}

/** Binds the reader Role to the tenant's ServiceAccount in the tenant's namespace only. */
export function toReaderRoleBinding(spec: TenantSpec): IRoleBinding {
  const names = tenantNames(spec.name);
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: names.roleBinding, namespace: names.namespace, labels: tenantLabels(spec, 'rbac') },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.role },
    subjects: [{ kind: 'ServiceAccount', name: names.serviceAccount, namespace: names.namespace }],
  };
}
