import type { INamespace } from 'kubernetes-models/v1/Namespace';
import { LABEL_ROLE, POD_SECURITY_LEVEL, POD_SECURITY_VERSION } from '../platform-constants.js';
import { tenantLabels } from './tenant-labels.js';
import type { TenantSpec } from './tenant-spec.js';

/** Pod Security admission labels: enforce, warn and audit all at "restricted". */
export function podSecurityLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'warn', 'audit']) {
    labels[`pod-security.kubernetes.io/${mode}`] = POD_SECURITY_LEVEL;
    labels[`pod-security.kubernetes.io/${mode}-version`] = POD_SECURITY_VERSION;
  }
  return labels;
}

/** The tenant's namespace, labelled so NetworkPolicies and Pod Security can select it. */
export function toTenantNamespace(spec: TenantSpec): INamespace {
  const labels = tenantLabels(spec, 'tenant');
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: spec.name,
      labels: { ...labels, 'kubernetes.io/metadata.name': spec.name, [LABEL_ROLE]: 'tenant', ...podSecurityLabels() },
    },
  };
}
