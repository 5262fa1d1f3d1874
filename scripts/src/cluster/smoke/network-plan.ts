import {
  API_PORT,
  buildClusterModel,
  canConnect,
  type Endpoint,
  EXTERNAL_ENDPOINTS,
  type Manifest,
  readPolicies,
  tenantNames,
} from '@mlops/infra-charts';
import { PROBE_LABELS } from './probe-pod.js';

/** One network probe: from the probe pod in `namespace` to a target, and what the manifests say it should do. */
export interface NetworkProbe {
  readonly id: string;
  readonly namespace: string;
  readonly kind: 'tcp' | 'dns';
  readonly host: string;
  readonly port: number;
  readonly expected: boolean;
  /** A probe that must succeed for a blocked result to mean anything (the target is up and reachable at all). */
  readonly control?: string;
}

/** Namespace without NetworkPolicies, for the positive control of internet access. */
export const CONTROL_NAMESPACE = 'default';
/** A public address (Cloudflare DNS over HTTPS) for the internet probe; an IP, so DNS plays no part. */
export const INTERNET = { host: '1.1.1.1', port: 443 } as const;

/**
 * The probes of `pnpm cluster smoke` with their expected results, computed from dist/ by the same NetworkPolicy
 * analysis that writes REPORT.md: a pod with the probe's labels in each tenant namespace, to every tenant's API
 * Service, the internet and kube-dns; plus a control pod in a namespace without policies.
 */
export function planNetworkProbes(
  manifests: readonly Manifest[],
  tenants: readonly string[],
  internet = true,
): NetworkProbe[] {
  const model = buildClusterModel(manifests);
  const policies = readPolicies(manifests);
  const byId = (id: string) => {
    const endpoint = [...model.endpoints, ...EXTERNAL_ENDPOINTS].find((e) => e.id === id);
    if (!endpoint) throw new Error(`dist/ has no workload ${id}; run pnpm synth`);
    return endpoint;
  };
  const probeIn = (namespace: string): Endpoint => ({
    id: `${namespace}/smoke-probe`,
    namespace,
    labels: PROBE_LABELS,
    ip: '10.244.254.254',
    ports: [],
    external: false,
  });
  const allowed = (from: Endpoint, toId: string, port: number, protocol = 'TCP') => {
    const to = byId(toId);
    const spec = to.ports.find((p) => p.port === port && p.protocol === protocol) ?? { port, protocol };
    return canConnect(from, to, spec, policies, { ...model, endpoints: [...model.endpoints, from] });
  };
  const probes: NetworkProbe[] = [];
  const service = (tenant: string) => `${tenantNames(tenant).service}.${tenant}.svc.cluster.local`;
  for (const from of tenants) {
    const source = probeIn(from);
    for (const to of tenants)
      probes.push({
        id: `${from} -> ${to} API`,
        namespace: from,
        kind: 'tcp',
        host: service(to),
        port: API_PORT,
        expected: allowed(source, `${to}/${tenantNames(to).deployment}`, API_PORT),
        ...(to === from ? {} : { control: `${to} -> ${to} API` }),
      });
    if (internet)
      probes.push({
        id: `${from} -> internet`,
        namespace: from,
        kind: 'tcp',
        ...INTERNET,
        expected: allowed(source, 'internet', INTERNET.port),
        control: `${CONTROL_NAMESPACE} -> internet`,
      });
    probes.push({
      id: `${from} -> kube-dns`,
      namespace: from,
      kind: 'dns',
      host: 'kubernetes.default.svc.cluster.local',
      port: 53,
      expected: allowed(source, 'kube-system/kube-dns', 53, 'UDP'),
    });
  }
  if (internet)
    probes.push({
      id: `${CONTROL_NAMESPACE} -> internet`,
      namespace: CONTROL_NAMESPACE,
      kind: 'tcp',
      ...INTERNET,
      expected: true,
    });
  return probes;
}
