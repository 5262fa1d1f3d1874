import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { dnsEgressRule, inNamespace } from '../addons/namespaced-network-policy.js';
import { API_PORT_NAME, MINIO_API_PORT, MINIO_NAMESPACE, MINIO_SELECTOR } from '../platform-constants.js';
import { apiSelectorLabels, tenantLabels } from './tenant-labels.js';
import type { TenantSpec } from './tenant-spec.js';
import { toIrsaEgressPolicy } from './to-irsa-egress.js';

/**
 * With routing on, the gateway implementation's pods (by namespace and pod labels) reach the API port, and only
 * it: never the probe port, so /health and /ready stay inside the cluster.
 */
function gatewayIngress(spec: TenantSpec): NonNullable<NonNullable<INetworkPolicy['spec']>['ingress']> {
  if (!spec.route) return [];
  const pods = spec.route.edgePods;
  return [
    {
      from: [{ namespaceSelector: inNamespace(pods.namespace), podSelector: { matchLabels: { ...pods.podLabels } } }],
      ports: [{ protocol: 'TCP', port: API_PORT_NAME }],
    },
  ];
}

/** A tenant's NetworkPolicies: deny everything, then allow only what the API needs. */
export function toTenantNetworkPolicies(spec: TenantSpec): INetworkPolicy[] {
  const labels = tenantLabels(spec, 'network-policy');
  const policy = (name: string, body: NonNullable<INetworkPolicy['spec']>): INetworkPolicy => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: spec.name, labels },
    spec: body,
  });
  const api = { matchLabels: apiSelectorLabels(spec.name) };
  const policies = [
    policy('default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('allow-api-ingress', {
      podSelector: api,
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: {} },
            {
              namespaceSelector: inNamespace(spec.metricsScraper.namespace),
              podSelector: { matchLabels: { ...spec.metricsScraper.podLabels } },
            },
          ],
          ports: [{ protocol: 'TCP', port: API_PORT_NAME }],
        },
        ...gatewayIngress(spec),
      ],
    }),
    policy('allow-dns-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [dnsEgressRule()] }),
    policy('allow-same-namespace-egress', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
  ];
  if (spec.objectStorage === 'minio') {
    policies.push(
      policy('allow-object-storage-egress', {
        podSelector: api,
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { namespaceSelector: inNamespace(MINIO_NAMESPACE), podSelector: { matchLabels: { ...MINIO_SELECTOR } } },
            ],
            ports: [{ protocol: 'TCP', port: MINIO_API_PORT }],
          },
        ],
      }),
    );
  }
  const irsa = toIrsaEgressPolicy(spec);
  if (irsa) policies.push(irsa);
  if (spec.egressCidrs.length > 0) {
    policies.push(
      policy('allow-configured-egress', {
        podSelector: api,
        policyTypes: ['Egress'],
        egress: [{ to: spec.egressCidrs.map((cidr) => ({ ipBlock: { cidr } })) }],
      }),
    );
  }
  return policies;
}
