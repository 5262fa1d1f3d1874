/** Rules for the names that become Kubernetes object names; shared by the schema and the guardrails. */
export { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '@mlops/shared/contract';

/** Tenant names become namespaces and prefixes of longer names (`<tenant>-ml-inference-svc`), so they stay short. */
export const MAX_TENANT_NAME_LENGTH = 40;

/** Namespaces owned by Kubernetes or by the platform's add-ons; a tenant may not take them. */
export const RESERVED_NAMESPACES: readonly string[] = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
  'minio',
  'monitoring',
  'mlops-system',
  'mlops-gateway',
  'envoy-gateway-system',
  'ingress-nginx',
  'cert-manager',
];

/** Suggests a valid DNS-1123 label for a bad name, for error messages. */
export function suggestLabel(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_TENANT_NAME_LENGTH)
    .replace(/-+$/g, '');
  return cleaned || 'tenant-x';
}
