import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import {
  API_PORT,
  LABEL_ROLE,
  MINIO_API_PORT,
  MINIO_NAMESPACE,
  MINIO_SELECTOR,
  MONITORING_NAMESPACE,
} from '../../platform-constants.js';
import { baselinePolicies, inNamespace, networkPolicy } from '../namespaced-network-policy.js';

const prometheus = { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } };
const grafana = { matchLabels: { 'app.kubernetes.io/name': 'grafana' } };

/** Prometheus may reach only the tenants' API port, MinIO's metrics, DNS and the Kubernetes API; Grafana only Prometheus. */
export function toMonitoringNetworkPolicies(
  labels: Record<string, string>,
  kubernetesApiCidrs: readonly string[],
): INetworkPolicy[] {
  const ns = MONITORING_NAMESPACE;
  return [
    ...baselinePolicies(ns, labels),
    networkPolicy(ns, 'allow-prometheus-egress', labels, {
      podSelector: prometheus,
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { [LABEL_ROLE]: 'tenant' } },
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ml-inference' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: API_PORT }],
        },
        {
          to: [
            { namespaceSelector: inNamespace(MINIO_NAMESPACE), podSelector: { matchLabels: { ...MINIO_SELECTOR } } },
          ],
          ports: [{ protocol: 'TCP', port: MINIO_API_PORT }],
        },
        {
          to: kubernetesApiCidrs.map((cidr) => ({ ipBlock: { cidr } })),
          ports: [
            { protocol: 'TCP', port: 443 },
            { protocol: 'TCP', port: 6443 },
          ],
        },
      ],
    }),
    networkPolicy(ns, 'allow-prometheus-ingress-from-grafana', labels, {
      podSelector: prometheus,
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: grafana }], ports: [{ protocol: 'TCP', port: 9090 }] }],
    }),
    networkPolicy(ns, 'allow-grafana-egress-to-prometheus', labels, {
      podSelector: grafana,
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: prometheus }], ports: [{ protocol: 'TCP', port: 9090 }] }],
    }),
  ];
}
