import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { apiSelectorLabels, tenantLabels } from './tenant-labels.js';
import type { TenantSpec } from './tenant-spec.js';

/** The only port IRSA needs: HTTPS to STS (AssumeRoleWithWebIdentity) and to S3. */
export const IRSA_PORT = 443;
export const IRSA_EGRESS_POLICY = 'allow-irsa-egress';
/** ServiceAccount annotations stating what IRSA must reach, so `pnpm verify` can prove it from dist/ alone. */
export const IRSA_STS_ANNOTATION = 'mlops.platform/irsa-sts-cidrs';
export const IRSA_S3_ANNOTATION = 'mlops.platform/irsa-s3-cidrs';

/** The ServiceAccount annotations of an IRSA tenant: the role, and the endpoints its pods must reach. */
export function irsaAnnotations(spec: TenantSpec): Record<string, string> {
  if (!spec.irsaRoleArn || !spec.irsaEgress) return {};
  return {
    'eks.amazonaws.com/role-arn': spec.irsaRoleArn,
    [IRSA_STS_ANNOTATION]: spec.irsaEgress.stsCidrs.join(','),
    [IRSA_S3_ANNOTATION]: spec.irsaEgress.s3Cidrs.join(','),
  };
}

/** Egress from the API pods to the STS and S3 endpoints, on 443/TCP only; undefined for a MinIO tenant. */
export function toIrsaEgressPolicy(spec: TenantSpec): INetworkPolicy | undefined {
  if (!spec.irsaEgress) return undefined;
  const cidrs = [...new Set([...spec.irsaEgress.stsCidrs, ...spec.irsaEgress.s3Cidrs])];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: IRSA_EGRESS_POLICY, namespace: spec.name, labels: tenantLabels(spec, 'network-policy') },
    spec: {
      podSelector: { matchLabels: apiSelectorLabels(spec.name) },
      policyTypes: ['Egress'],
      egress: [{ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: IRSA_PORT }] }],
    },
  };
}
