import { API_POD_SELECTOR } from '@mlops/shared/contract';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { baselinePolicies, inNamespace, networkPolicy } from '../../network/network-policy.js';
import {
  API_PORT,
  LABEL_ROLE,
  MINIO_API_PORT,
  MINIO_NAMESPACE,
  MINIO_SELECTOR,
  MONITORING_NAMESPACE,
} from '../../platform-constants.js';
import { ALERTMANAGER_PORT, KUBE_STATE_METRICS_PORT } from './prometheus-config.js';

const app = (name: string) => ({ matchLabels: { 'app.kubernetes.io/name': name } });
const prometheus = app('prometheus');
const grafana = app('grafana');
const alertmanager = app('alertmanager');
const ksm = app('kube-state-metrics');
const tcp = (port: number) => [{ protocol: 'TCP' as const, port }];

/** What the monitoring policies depend on. */
export interface MonitoringNetworkSpec {
  readonly kubernetesApiCidrs: readonly string[];
  readonly objectStorage: 'minio' | 's3';
  /** Where Alertmanager may deliver notifications. */
  readonly alertEgressCidrs: readonly string[];
}

/**
 * Deny by default, then: Prometheus reaches the tenants' API port, kube-state-metrics, Alertmanager, MinIO (when
 * deployed) and the Kubernetes API; Grafana reaches Prometheus; Alertmanager accepts only Prometheus and sends
 * only to the configured receivers; kube-state-metrics accepts only Prometheus and reaches only the Kubernetes API.
 */
export function toMonitoringNetworkPolicies(
  labels: Record<string, string>,
  spec: MonitoringNetworkSpec,
): INetworkPolicy[] {
  const ns = MONITORING_NAMESPACE;
  const kubeApi = {
    to: spec.kubernetesApiCidrs.map((cidr) => ({ ipBlock: { cidr } })),
    ports: [...tcp(443), ...tcp(6443)],
  };
  const policies = [
    ...baselinePolicies(ns, labels),
    networkPolicy(ns, 'allow-prometheus-egress', labels, {
      podSelector: prometheus,
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { [LABEL_ROLE]: 'tenant' } },
              podSelector: { matchLabels: { ...API_POD_SELECTOR } },
            },
          ],
          ports: tcp(API_PORT),
        },
        { to: [{ podSelector: ksm }], ports: tcp(KUBE_STATE_METRICS_PORT) },
        { to: [{ podSelector: alertmanager }], ports: tcp(ALERTMANAGER_PORT) },
        ...(spec.objectStorage === 'minio'
          ? [
              {
                to: [
                  {
                    namespaceSelector: inNamespace(MINIO_NAMESPACE),
                    podSelector: { matchLabels: { ...MINIO_SELECTOR } },
                  },
                ],
                ports: tcp(MINIO_API_PORT),
              },
            ]
          : []),
        kubeApi,
      ],
    }),
    networkPolicy(ns, 'allow-prometheus-ingress-from-grafana', labels, {
      podSelector: prometheus,
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: grafana }], ports: tcp(9090) }],
    }),
    networkPolicy(ns, 'allow-grafana-egress-to-prometheus', labels, {
      podSelector: grafana,
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: prometheus }], ports: tcp(9090) }],
    }),
    networkPolicy(ns, 'allow-alertmanager-ingress-from-prometheus', labels, {
      podSelector: alertmanager,
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: prometheus }], ports: tcp(ALERTMANAGER_PORT) }],
    }),
    networkPolicy(ns, 'allow-kube-state-metrics-ingress-from-prometheus', labels, {
      podSelector: ksm,
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: prometheus }], ports: tcp(KUBE_STATE_METRICS_PORT) }],
    }),
    networkPolicy(ns, 'allow-kube-state-metrics-egress-to-kubernetes-api', labels, {
      podSelector: ksm,
      policyTypes: ['Egress'],
      egress: [kubeApi],
    }),
  ];
  if (spec.alertEgressCidrs.length > 0)
    policies.push(
      networkPolicy(ns, 'allow-alertmanager-egress-to-receivers', labels, {
        podSelector: alertmanager,
        policyTypes: ['Egress'],
        egress: [{ to: spec.alertEgressCidrs.map((cidr) => ({ ipBlock: { cidr } })) }],
      }),
    );
  return policies;
}
