import type { ICertificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import type { IClusterIssuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer';
import { type EdgeSpec, GATEWAY_NAMESPACE, WILDCARD_TLS_SECRET } from '../../network/edge-spec.js';
import { edgeLabels } from './edge-labels.js';
import { customTlsSecret } from './to-gateway.js';

type IssuerSpec = NonNullable<IClusterIssuer['spec']>;

/** The issuer's kind per profile: self-signed or your CA (kind), ACME over HTTP-01 or DNS-01 (EKS). */
function issuerSpec(edge: EdgeSpec): IssuerSpec {
  const { tls } = edge;
  if (tls.issuer === 'selfSigned') return { selfSigned: {} };
  if (tls.issuer === 'ca') return { ca: { secretName: tls.caSecretName ?? '' } };
  // Unreachable after validation: acme needs routing.tls.acme (check-routing.ts).
  if (!tls.acme) throw new Error('routing.tls.issuer "acme" needs routing.tls.acme');
  const { acme } = tls;
  const solver: NonNullable<NonNullable<IssuerSpec['acme']>['solvers']>[number] =
    acme.solver === 'dns01'
      ? {
          dns01: {
            route53: {
              region: acme.route53?.region ?? '',
              ...(acme.route53?.hostedZoneID ? { hostedZoneID: acme.route53.hostedZoneID } : {}),
            },
          },
        }
      : { http01: { ingress: { ingressClassName: edge.className } } };
  return {
    acme: {
      email: acme.email,
      server: acme.server,
      privateKeySecretRef: { name: `${edge.clusterIssuer}-account-key` },
      solvers: [solver],
    },
  };
}

/** One ClusterIssuer for the whole edge: Gateway certificates and every tenant Ingress use it. */
export function toEdgeIssuer(edge: EdgeSpec): IClusterIssuer {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: edge.clusterIssuer, labels: edgeLabels(edge.platformName, 'issuer') },
    spec: issuerSpec(edge),
  };
}

const certificate = (edge: EdgeSpec, name: string, secretName: string, dnsNames: string[]): ICertificate => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name, namespace: GATEWAY_NAMESPACE, labels: edgeLabels(edge.platformName, 'certificate') },
  spec: {
    secretName,
    dnsNames,
    issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: edge.clusterIssuer },
    privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
  },
});

/** Gateway mode: the wildcard certificate and one per custom hostname, in the Gateway's namespace (no ReferenceGrant needed). */
export function toGatewayCertificates(edge: EdgeSpec): ICertificate[] {
  return [
    certificate(edge, 'edge-wildcard', WILDCARD_TLS_SECRET, [`*.${edge.baseDomain}`]),
    ...edge.customHosts.map((h) => certificate(edge, `edge-${h.tenant}`, customTlsSecret(h.tenant), [h.hostname])),
  ];
}
