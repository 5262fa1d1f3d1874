import type { ClusterModel, Endpoint, PortSpec } from './cluster-model.js';
import { matchesSelector } from './label-selector.js';
import {
  type Flow,
  ingressAllows,
  type Peer,
  type Policy,
  peerMatches,
  portMatches,
  selecting,
} from './network-reachability.js';

type Target = { readonly dst: Endpoint; readonly index: number };

/**
 * Every flow the policies allow, and only those: the same answer as asking {@link canConnect} for each pod
 * endpoint, each endpoint and each port, without asking n² times. A source's egress rules name candidate peers
 * (looked up through indexes by namespace, cached per distinct selector), the destination's ingress decides.
 * Cost grows with the endpoints plus the allowed flows, so 1000 isolated tenants cost ~1000 times one.
 */
export function allowedFlows(model: ClusterModel, policies: readonly Policy[]): Flow[] {
  const targets: Target[] = model.endpoints.map((dst, index) => ({ dst, index }));
  const byNamespace = new Map<string, Target[]>();
  for (const t of targets) {
    if (t.dst.external) continue;
    const ns = t.dst.namespace ?? 'default';
    const list = byNamespace.get(ns);
    if (list) list.push(t);
    else byNamespace.set(ns, [t]);
  }
  const namespaceCache = new Map<string, string[]>();
  const peerCache = new Map<string, readonly Target[]>();
  const namespacesMatching = (selector: Peer['namespaceSelector']): string[] => {
    const key = JSON.stringify(selector);
    let hit = namespaceCache.get(key);
    if (!hit) {
      hit = [...model.namespaces].filter(([, labels]) => matchesSelector(selector, labels)).map(([name]) => name);
      namespaceCache.set(key, hit);
    }
    return hit;
  };
  /** The endpoints a peer can name: ipBlocks by address, selectors through the namespace index. */
  const candidates = (peer: Peer, policyNamespace: string): readonly Target[] => {
    const key = `${peer.namespaceSelector || peer.ipBlock ? '' : policyNamespace}|${JSON.stringify(peer)}`;
    let hit = peerCache.get(key);
    if (!hit) {
      const pool = peer.ipBlock
        ? targets
        : (peer.namespaceSelector ? namespacesMatching(peer.namespaceSelector) : [policyNamespace]).flatMap(
            (ns) => byNamespace.get(ns) ?? [],
          );
      hit = pool.filter((t) => peerMatches(peer, policyNamespace, t.dst, model));
      peerCache.set(key, hit);
    }
    return hit;
  };
  const flows: Flow[] = [];
  for (const src of model.endpoints) {
    if (src.external) continue;
    const egress = selecting(policies, src, 'Egress');
    const open = new Map<number, Set<PortSpec>>();
    const admit = (t: Target, port: PortSpec) => {
      const ports = open.get(t.index);
      if (ports) ports.add(port);
      else open.set(t.index, new Set([port]));
    };
    if (egress.length === 0) for (const t of targets) for (const port of t.dst.ports) admit(t, port);
    for (const p of egress)
      for (const rule of p.egress) {
        const pool =
          !rule.to || rule.to.length === 0 ? targets : rule.to.flatMap((peer) => candidates(peer, p.namespace));
        for (const t of pool) for (const port of t.dst.ports) if (portMatches(rule, port)) admit(t, port);
      }
    for (const index of [...open.keys()].sort((a, b) => a - b)) {
      const dst = model.endpoints[index] as Endpoint;
      const ports = open.get(index) as Set<PortSpec>;
      for (const port of dst.ports)
        if (ports.has(port) && ingressAllows(src, dst, port, policies, model))
          flows.push({ from: src.id, to: dst.id, port: `${port.port}/${port.protocol}`, allowed: true });
    }
  }
  return flows;
}
