import type { Manifest } from '../manifest/manifest.js';
import type { ClusterModel, Endpoint, PortSpec } from './cluster-model.js';
import { inCidr, type LabelSelector, matchesSelector } from './label-selector.js';

/** One peer of a NetworkPolicy rule. */
export interface Peer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}
/** One ingress or egress rule. */
export interface Rule {
  readonly from?: readonly Peer[];
  readonly to?: readonly Peer[];
  readonly ports?: ReadonlyArray<{
    readonly protocol?: string;
    readonly port?: number | string;
    readonly endPort?: number;
  }>;
}
/** A NetworkPolicy as the analysis reads it. */
export interface Policy {
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

/** Whether `other` is one of the endpoints `peer` names, seen from a policy in `policyNamespace`. */
export function peerMatches(peer: Peer, policyNamespace: string, other: Endpoint, model: ClusterModel): boolean {
  if (peer.ipBlock)
    return inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(other.ip, c));
  if (other.external) return false;
  const namespaceOk = peer.namespaceSelector
    ? matchesSelector(peer.namespaceSelector, model.namespaces.get(other.namespace ?? '') ?? {})
    : other.namespace === policyNamespace;
  return namespaceOk && matchesSelector(peer.podSelector, other.labels);
}

/** Whether a rule's ports admit `port` (no ports: every port). */
export function portMatches(rule: Rule, port: PortSpec): boolean {
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

/** Policies by namespace, built once per policy list: selecting policies is then O(policies of one namespace). */
const BY_NAMESPACE = new WeakMap<readonly Policy[], Map<string, Policy[]>>();

/** The policies of `type` that select endpoint `e` (none for endpoints outside the pod network). */
export function selecting(policies: readonly Policy[], e: Endpoint, type: string): Policy[] {
  if (e.external) return [];
  let index = BY_NAMESPACE.get(policies);
  if (!index) {
    index = new Map();
    for (const p of policies) {
      const list = index.get(p.namespace);
      if (list) list.push(p);
      else index.set(p.namespace, [p]);
    }
    BY_NAMESPACE.set(policies, index);
  }
  return (index.get(e.namespace ?? 'default') ?? []).filter(
    (p) => p.types.has(type) && matchesSelector(p.podSelector, e.labels),
  );
}

/** Whether some ingress rule of the policies selecting `dst` admits `src` on `port` (or none selects it). */
export function ingressAllows(
  src: Endpoint,
  dst: Endpoint,
  port: PortSpec,
  policies: readonly Policy[],
  model: ClusterModel,
): boolean {
  const ingress = selecting(policies, dst, 'Ingress');
  return (
    ingress.length === 0 ||
    ingress.some((p) => p.ingress.some((r) => ruleAllows(r, r.from, p.namespace, src, port, model)))
  );
}

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
  return egressOk && ingressAllows(src, dst, port, policies, model);
}

/** One flow the policies allow: a workload to itself means replica to replica. */
export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly port: string;
  readonly allowed: boolean;
}
