import type { Manifest } from '../manifest/manifest.js';
import type { ClusterModel, Endpoint, PortSpec } from './cluster-model.js';
import { inCidr, type LabelSelector, matchesSelector } from './label-selector.js';

interface Peer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}
interface Rule {
  readonly from?: readonly Peer[];
  readonly to?: readonly Peer[];
  readonly ports?: ReadonlyArray<{
    readonly protocol?: string;
    readonly port?: number | string;
    readonly endPort?: number;
  }>;
}
interface Policy {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  readonly types: ReadonlySet<string>;
  readonly ingress: readonly Rule[];
  readonly egress: readonly Rule[];
}

/** Reads NetworkPolicies; policyTypes defaults as the API server does (Ingress, plus Egress when egress rules exist). */
export function readPolicies(manifests: readonly Manifest[]): Policy[] {
  return manifests
    .filter((m) => m.kind === 'NetworkPolicy')
    .map((m) => {
      const spec = (m.spec ?? {}) as {
        podSelector?: LabelSelector;
        policyTypes?: string[];
        ingress?: Rule[];
        egress?: Rule[];
      };
      const types = spec.policyTypes ?? ['Ingress', ...(spec.egress ? ['Egress'] : [])];
      return {
        namespace: m.metadata.namespace ?? 'default',
        name: m.metadata.name,
        podSelector: spec.podSelector ?? {},
        types: new Set(types),
        ingress: spec.ingress ?? [],
        egress: spec.egress ?? [],
      };
    });
}

function peerMatches(peer: Peer, policyNamespace: string, other: Endpoint, model: ClusterModel): boolean {
  if (peer.ipBlock)
    return inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(other.ip, c));
  if (other.external) return false;
  const namespaceOk = peer.namespaceSelector
    ? matchesSelector(peer.namespaceSelector, model.namespaces.get(other.namespace ?? '') ?? {})
    : other.namespace === policyNamespace;
  return namespaceOk && matchesSelector(peer.podSelector, other.labels);
}

function portMatches(rule: Rule, port: PortSpec): boolean {
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== port.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return p.port === port.name;
    return p.endPort ? port.port >= p.port && port.port <= p.endPort : port.port === p.port;
  });
}

function ruleAllows(
  rule: Rule,
  peers: readonly Peer[] | undefined,
  policyNamespace: string,
  other: Endpoint,
  port: PortSpec,
  model: ClusterModel,
): boolean {
  const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, policyNamespace, other, model));
  return peerOk && portMatches(rule, port);
}

const selecting = (policies: readonly Policy[], e: Endpoint, type: string) =>
  policies.filter(
    (p) => !e.external && p.namespace === e.namespace && p.types.has(type) && matchesSelector(p.podSelector, e.labels),
  );

/**
 * Whether `src` may open a connection to `dst` on `port`, with Kubernetes semantics: a pod selected by no
 * policy of a type is unrestricted for that type; otherwise some rule of some selecting policy must allow
 * it; egress of the source and ingress of the destination must both allow.
 */
export function canConnect(
  src: Endpoint,
  dst: Endpoint,
  port: PortSpec,
  policies: readonly Policy[],
  model: ClusterModel,
): boolean {
  const egress = selecting(policies, src, 'Egress');
  const egressOk =
    egress.length === 0 || egress.some((p) => p.egress.some((r) => ruleAllows(r, r.to, p.namespace, dst, port, model)));
  if (!egressOk) return false;
  const ingress = selecting(policies, dst, 'Ingress');
  return (
    ingress.length === 0 ||
    ingress.some((p) => p.ingress.some((r) => ruleAllows(r, r.from, p.namespace, src, port, model)))
  );
}

/** One allowed or denied flow. */
export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly port: string;
  readonly allowed: boolean;
}

/** Every flow from each pod endpoint to each endpoint port; a workload to itself means replica to replica. */
export function connectivity(model: ClusterModel, policies: readonly Policy[]): Flow[] {
  const flows: Flow[] = [];
  for (const src of model.endpoints.filter((e) => !e.external)) {
    for (const dst of model.endpoints) {
      for (const port of dst.ports)
        flows.push({
          from: src.id,
          to: dst.id,
          port: `${port.port}/${port.protocol}`,
          allowed: canConnect(src, dst, port, policies, model),
        });
    }
  }
  return flows;
}
