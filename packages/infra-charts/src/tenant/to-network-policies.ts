import { k8s } from 'cdk8s-plus-28';
import {
  API_PORT_NAME,
  KUBE_DNS_SELECTOR,
  MINIO_API_PORT,
  MINIO_NAMESPACE,
  MINIO_SELECTOR,
  MONITORING_NAMESPACE,
} from '../platform-constants.js';
import { apiSelectorLabels, tenantLabels } from './tenant-labels.js';
import type { TenantSpec } from './tenant-spec.js';

const NAMESPACE_NAME = 'kubernetes.io/metadata.name';
const inNamespace = (name: string) => ({ matchLabels: { [NAMESPACE_NAME]: name } });

/** A tenant's NetworkPolicies: deny everything, then allow only what the API needs. */
export function toTenantNetworkPolicies(spec: TenantSpec): Array<{ id: string; props: k8s.KubeNetworkPolicyProps }> {
  const meta = (name: string) => ({ name, namespace: spec.name, labels: tenantLabels(spec, 'network-policy') });
  const api = { matchLabels: apiSelectorLabels(spec.name) };
  const policies: Array<{ id: string; props: k8s.KubeNetworkPolicyProps }> = [
    {
      id: 'default-deny-all',
      props: { metadata: meta('default-deny-all'), spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
    },
    {
      id: 'allow-api-ingress',
      props: {
        metadata: meta('allow-api-ingress'),
        spec: {
          podSelector: api,
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [
                { podSelector: {} },
                {
                  namespaceSelector: inNamespace(MONITORING_NAMESPACE),
                  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
                },
              ],
              ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromString(API_PORT_NAME) }],
            },
          ],
        },
      },
    },
    {
      id: 'allow-dns-egress',
      props: {
        metadata: meta('allow-dns-egress'),
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: inNamespace('kube-system'),
                  podSelector: { matchLabels: { ...KUBE_DNS_SELECTOR } },
                },
              ],
              ports: [
                { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
                { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
              ],
            },
          ],
        },
      },
    },
    {
      id: 'allow-same-namespace-egress',
      props: {
        metadata: meta('allow-same-namespace-egress'),
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }] }] },
      },
    },
  ];
  if (spec.objectStorage === 'minio') {
    policies.push({
      id: 'allow-object-storage-egress',
      props: {
        metadata: meta('allow-object-storage-egress'),
        spec: {
          podSelector: api,
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: inNamespace(MINIO_NAMESPACE),
                  podSelector: { matchLabels: { ...MINIO_SELECTOR } },
                },
              ],
              ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(MINIO_API_PORT) }],
            },
          ],
        },
      },
    });
  }
  if (spec.egressCidrs.length > 0) {
    policies.push({
      id: 'allow-configured-egress',
      props: {
        metadata: meta('allow-configured-egress'),
        spec: {
          podSelector: api,
          policyTypes: ['Egress'],
          egress: [{ to: spec.egressCidrs.map((cidr) => ({ ipBlock: { cidr } })) }],
        },
      },
    });
  }
  return policies;
}
