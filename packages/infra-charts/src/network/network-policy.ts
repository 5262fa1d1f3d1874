import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { KUBE_DNS_SELECTOR } from '../platform-constants.js';

type Spec = NonNullable<INetworkPolicy['spec']>;

/** Selects a namespace by the label Kubernetes sets on every namespace. */
export const inNamespace = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });

/** A NetworkPolicy in a namespace, labelled. */
export function networkPolicy(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  spec: Spec,
): INetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace, labels }, spec };
}

/** The egress rule to cluster DNS (kube-dns pods in kube-system, UDP and TCP 53); every namespace needs it. */
export function dnsEgressRule(): NonNullable<Spec['egress']>[number] {
  return {
    to: [{ namespaceSelector: inNamespace('kube-system'), podSelector: { matchLabels: { ...KUBE_DNS_SELECTOR } } }],
    ports: [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
  };
}

/** Denies all ingress and egress of every pod in the namespace: what every other policy of it then opens up. */
export function denyAllPolicy(namespace: string, labels: Record<string, string>): INetworkPolicy {
  return networkPolicy(namespace, 'default-deny-all', labels, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
}

/** Lets every pod of the namespace reach cluster DNS. */
export function dnsEgressPolicy(namespace: string, labels: Record<string, string>): INetworkPolicy {
  return networkPolicy(namespace, 'allow-dns-egress', labels, {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [dnsEgressRule()],
  });
}

/** Deny all ingress and egress of every pod in the namespace, and allow DNS: the baseline of every platform namespace. */
export function baselinePolicies(namespace: string, labels: Record<string, string>): INetworkPolicy[] {
  return [denyAllPolicy(namespace, labels), dnsEgressPolicy(namespace, labels)];
}
