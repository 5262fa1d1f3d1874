import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { inNamespace, networkPolicy } from '../../network/network-policy.js';
import { MONITORING_NAMESPACE } from '../../platform-constants.js';
import { addonLabels } from '../addon-labels.js';

/** Prometheus's port, where KEDA's Prometheus trigger sends its queries. */
export const PROMETHEUS_PORT = 9090;
/** The KEDA operator's pod label (kedacore/keda Helm chart). */
export const KEDA_OPERATOR_SELECTOR = { 'app.kubernetes.io/name': 'keda-operator' } as const;

/**
 * Lets the KEDA operator query the standalone Prometheus for the GPU tenants' scaling metric: the monitoring
 * namespace denies all ingress by default, and without this KEDA's trigger fails and it holds the fallback replicas.
 */
export function toKedaPrometheusAccess(platformName: string, kedaNamespace: string): INetworkPolicy {
  return networkPolicy(
    MONITORING_NAMESPACE,
    'allow-prometheus-ingress-from-keda',
    addonLabels('keda', 'autoscaling', platformName),
    {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: inNamespace(kedaNamespace),
              podSelector: { matchLabels: { ...KEDA_OPERATOR_SELECTOR } },
            },
          ],
          ports: [{ protocol: 'TCP', port: PROMETHEUS_PORT }],
        },
      ],
    },
  );
}
