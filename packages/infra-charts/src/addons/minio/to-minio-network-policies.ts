import { API_POD_SELECTOR } from '@mlops/shared/contract';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { baselinePolicies, inNamespace, networkPolicy } from '../../network/network-policy.js';
import {
  LABEL_ROLE,
  MINIO_API_PORT,
  MINIO_NAMESPACE,
  MINIO_SELECTOR,
  MONITORING_NAMESPACE,
  SYSTEM_NAMESPACE,
} from '../../platform-constants.js';

/** MinIO's API port admits only tenant API pods, the trainer Job and the provisioning Job. */
export function toMinioNetworkPolicies(labels: Record<string, string>): INetworkPolicy[] {
  return [
    ...baselinePolicies(MINIO_NAMESPACE, labels),
    networkPolicy(MINIO_NAMESPACE, 'allow-api-ingress', labels, {
      podSelector: { matchLabels: { ...MINIO_SELECTOR } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { [LABEL_ROLE]: 'tenant' } },
              podSelector: { matchLabels: { ...API_POD_SELECTOR } },
            },
            {
              namespaceSelector: inNamespace(SYSTEM_NAMESPACE),
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'model-trainer' } },
            },
            { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'minio-provisioning' } } },
            {
              namespaceSelector: inNamespace(MONITORING_NAMESPACE),
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: MINIO_API_PORT }],
        },
      ],
    }),
    networkPolicy(MINIO_NAMESPACE, 'allow-provisioning-egress', labels, {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'minio-provisioning' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ podSelector: { matchLabels: { ...MINIO_SELECTOR } } }],
          ports: [{ protocol: 'TCP', port: MINIO_API_PORT }],
        },
      ],
    }),
  ];
}
