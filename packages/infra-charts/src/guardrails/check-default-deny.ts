import type { Manifest } from '../manifest/manifest.js';
import { LABEL_ROLE } from '../platform-constants.js';

/** Names of tenant namespaces that have no default-deny policy for both ingress and egress. */
export function namespacesWithoutDefaultDeny(manifests: readonly Manifest[]): string[] {
  const tenants = manifests
    .filter((m) => m.kind === 'Namespace' && m.metadata.labels?.[LABEL_ROLE] === 'tenant')
    .map((m) => m.metadata.name);
  const covered = new Set(
    manifests
      .filter((m) => m.kind === 'NetworkPolicy' && isDenyAll(m.spec as NetworkPolicySpecLike | undefined))
      .map((m) => m.metadata.namespace ?? ''),
  );
  return tenants.filter((ns) => !covered.has(ns));
}

interface NetworkPolicySpecLike {
  podSelector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  policyTypes?: string[];
  ingress?: unknown[];
  egress?: unknown[];
}

function isDenyAll(spec: NetworkPolicySpecLike | undefined): boolean {
  if (!spec) return false;
  const selectsAll =
    Object.keys(spec.podSelector?.matchLabels ?? {}).length === 0 &&
    (spec.podSelector?.matchExpressions ?? []).length === 0;
  const types = spec.policyTypes ?? [];
  return (
    selectsAll &&
    types.includes('Ingress') &&
    types.includes('Egress') &&
    (spec.ingress ?? []).length === 0 &&
    (spec.egress ?? []).length === 0
  );
}
