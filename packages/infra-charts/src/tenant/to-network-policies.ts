import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { WorkloadRef } from '../manifest/workload-ref.js';
import { denyAllPolicy, dnsEgressPolicy, inNamespace, networkPolicy } from '../network/network-policy.js';
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

/**
 * A tenant's NetworkPolicies: deny everything, then allow only what the API needs. `selects` is the API workload
 * the allow rules apply to. @default selects - the API Deployment's selector (apiSelectorLabels)
 */
export function toTenantNetworkPolicies(spec: TenantSpec, selects?: WorkloadRef): INetworkPolicy[] {
  const labels = tenantLabels(spec, 'network-policy');
  const policy = (name: string, body: NonNullable<INetworkPolicy['spec']>) =>
    networkPolicy(spec.name, name, labels, body);
  const api = { matchLabels: { ...(selects?.selector ?? apiSelectorLabels(spec.name)) } };
  const policies = [
    denyAllPolicy(spec.name, labels),
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
    dnsEgressPolicy(spec.name, labels),
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
