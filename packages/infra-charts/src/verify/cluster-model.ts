import { podSpecOf } from '../guardrails/pod-templates.js';
import type { Manifest } from '../manifest/manifest.js';
import { edgeEndpoints } from './edge-endpoints.js';
import { operatorStackEndpoints } from './operator-stack-endpoints.js';

/** A port a workload listens on. */
export interface PortSpec {
  readonly port: number;
  /** The containerPort name policies may refer to. @default - unnamed: policies must use the number */
  readonly name?: string;
  readonly protocol: string;
}

/** Something that sends or receives traffic: a pod template, or an endpoint outside dist (kube-dns, the API server, the internet). */
export interface Endpoint {
  readonly id: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ip: string;
  readonly ports: readonly PortSpec[];
  /** External endpoints are outside the pod network: NetworkPolicies cannot select them as targets. */
  readonly external: boolean;
}

/** The cluster as dist/ describes it: namespaces (with labels) and endpoints. */
export interface ClusterModel {
  readonly namespaces: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly endpoints: readonly Endpoint[];
}

/** Endpoints that exist in every cluster but not in dist/. */
export const EXTERNAL_ENDPOINTS: readonly Endpoint[] = [
  {
    id: 'kube-system/kube-dns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    ip: '10.244.250.10',
    external: false,
    ports: [
      { port: 53, protocol: 'UDP', name: 'dns' },
      { port: 53, protocol: 'TCP', name: 'dns-tcp' },
    ],
  },
  {
    id: 'kubernetes-api',
    labels: {},
    ip: '172.18.0.2',
    external: true,
    ports: [
      { port: 6443, protocol: 'TCP' },
      { port: 443, protocol: 'TCP' },
    ],
  },
  {
    id: 'internet',
    labels: {},
    ip: '93.184.216.34',
    external: true,
    ports: [
      { port: 443, protocol: 'TCP' },
      { port: 80, protocol: 'TCP' },
    ],
  },
];

/** Builds the model from manifests: one endpoint per pod template, pod IPs in the pod CIDR 10.244.0.0/16. */
export function buildClusterModel(manifests: readonly Manifest[]): ClusterModel {
  const namespaces = new Map<string, Record<string, string>>([
    ['kube-system', { 'kubernetes.io/metadata.name': 'kube-system' }],
  ]);
  for (const m of manifests)
    if (m.kind === 'Namespace')
      namespaces.set(m.metadata.name, { ...m.metadata.labels, 'kubernetes.io/metadata.name': m.metadata.name });
  const endpoints: Endpoint[] = [];
  for (const m of manifests) {
    const pod = podSpecOf(m);
    if (!pod) continue;
    const template =
      (m.kind === 'CronJob'
        ? undefined
        : (m.spec as { template?: { metadata?: { labels?: Record<string, string> } } }).template) ?? {};
    const ports = (pod.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map((p) => ({
        port: p.containerPort,
        protocol: p.protocol ?? 'TCP',
        ...(p.name ? { name: p.name } : {}),
      })),
    );
    const n = endpoints.length + 1;
    endpoints.push({
      id: `${m.metadata.namespace}/${m.metadata.name}`,
      namespace: m.metadata.namespace ?? 'default',
      labels: template.metadata?.labels ?? {},
      ip: `10.244.${Math.floor(n / 250)}.${(n % 250) + 1}`,
      ports,
      external: false,
    });
  }
  // Operator mode: kube-prometheus-stack's pods are not in dist/, but tenants admit its Prometheus.
  const stack = operatorStackEndpoints(manifests, endpoints.length);
  for (const [ns, labels] of stack.namespaces) if (!namespaces.has(ns)) namespaces.set(ns, labels);
  // Routing on: the gateway implementation's pods, which the internet reaches and which reach tenant APIs.
  const edge = edgeEndpoints(manifests, endpoints.length + stack.endpoints.length);
  for (const [ns, labels] of edge.namespaces) if (!namespaces.has(ns)) namespaces.set(ns, labels);
  return { namespaces, endpoints: [...endpoints, ...stack.endpoints, ...edge.endpoints, ...EXTERNAL_ENDPOINTS] };
}
