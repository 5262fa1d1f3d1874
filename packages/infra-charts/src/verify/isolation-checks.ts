import { apiDeploymentName } from '@mlops/shared/contract';
import { API_PORT, LABEL_ROLE, MINIO_API_PORT } from '../platform-constants.js';
import type { ClusterModel } from './cluster-model.js';
import { gatewayId } from './edge-endpoints.js';
import type { Flow } from './network-reachability.js';
import { scraperId } from './operator-stack-endpoints.js';
import { type Grant, grantsBySubject, scopesWhere } from './rbac-analysis.js';

/** One verified guarantee. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
  /** The guarantee this check is one instance of (one per tenant), for the summary: `<tenant>` stands for each. */
  readonly group?: string;
}

const nsOf = (id: string) => id.split('/')[0] ?? '';
const MINIO = 'minio/minio';
const DNS = 'kube-system/kube-dns';

/** The namespaces labelled as tenants, sorted. */
export function tenantNamespaces(model: ClusterModel): string[] {
  return [...model.namespaces]
    .filter(([, labels]) => labels[LABEL_ROLE] === 'tenant')
    .map(([name]) => name)
    .sort();
}

/** Allowed flows indexed by the namespace they leave and the namespace they enter. */
function indexFlows(flows: readonly Flow[]) {
  const from = new Map<string, Flow[]>();
  const to = new Map<string, Flow[]>();
  for (const f of flows) {
    if (!f.allowed) continue;
    for (const [map, ns] of [
      [from, nsOf(f.from)],
      [to, nsOf(f.to)],
    ] as const) {
      const list = map.get(ns);
      if (list) list.push(f);
      else map.set(ns, [f]);
    }
  }
  return { from: (ns: string) => from.get(ns) ?? [], to: (ns: string) => to.get(ns) ?? [] };
}

const per = (t: string, name: string, ok: boolean, detail: string[] = [], group = name): Check => ({
  name: name.replaceAll('<tenant>', t),
  ok,
  group,
  ...(detail.length ? { detail: detail.join(', ') } : {}),
});

/**
 * The isolation promises of the platform, checked on every allowed flow: one check per tenant and promise
 * (linear in tenants; "no flow to any other tenant" is decided from the flows that exist, not pair by pair).
 */
export function checkNetworkIsolation(model: ClusterModel, flows: readonly Flow[]): Check[] {
  const tenants = new Set(tenantNamespaces(model));
  const index = indexFlows(flows);
  const hasMinio = model.endpoints.some((e) => e.id === MINIO);
  // The platform's Prometheus (standalone) or the modelled kube-prometheus-stack one (operator mode).
  const scraper = model.endpoints.find((e) => e.id.endsWith('/prometheus'))?.id ?? scraperId('monitoring');
  const checks: Check[] = [];
  for (const t of tenants) {
    const out = index.from(t);
    const inn = index.to(t);
    const api = `${t}/${apiDeploymentName(t)}`;
    const some = (list: readonly Flow[], pred: (f: Flow) => boolean) => list.some(pred);
    const show = (list: readonly Flow[]) => list.map((f) => `${f.from} -> ${f.to}:${f.port}`);
    const leaks = out.filter((f) => nsOf(f.to) !== t && tenants.has(nsOf(f.to)));
    checks.push(per(t, '<tenant> -> any other tenant: blocked on every port', leaks.length === 0, show(leaks)));
    checks.push(
      per(
        t,
        `<tenant> -> <tenant> API port ${API_PORT}: allowed`,
        some(out, (f) => f.to === api && f.port === `${API_PORT}/TCP`),
      ),
    );
    checks.push(
      per(
        t,
        `monitoring -> <tenant> API port ${API_PORT}: allowed`,
        some(inn, (f) => f.from === scraper && f.to === api && f.port === `${API_PORT}/TCP`),
      ),
    );
    if (hasMinio)
      checks.push(
        per(
          t,
          `<tenant> -> minio ${MINIO_API_PORT}: allowed`,
          some(out, (f) => f.from === api && f.to === MINIO && f.port === `${MINIO_API_PORT}/TCP`),
        ),
      );
    checks.push(per(t, '<tenant> -> internet: blocked', !some(out, (f) => f.to === 'internet')));
    for (const proto of ['UDP', 'TCP'])
      checks.push(
        per(
          t,
          `<tenant> -> kube-dns 53/${proto}: allowed`,
          some(out, (f) => f.from === api && f.to === DNS && f.port === `53/${proto}`),
        ),
      );
    const unexpectedOut = out.filter(
      (f) => nsOf(f.to) !== t && !(f.to === MINIO && f.port === `${MINIO_API_PORT}/TCP`) && f.to !== DNS,
    );
    checks.push(
      per(
        t,
        '<tenant>: no other egress',
        unexpectedOut.length === 0,
        unexpectedOut.map((f) => `${f.to}:${f.port}`),
      ),
    );
    // The gateway's flows in are checked by edge-checks.ts (API port only), so they are not "other" ingress here.
    const viaGateway = (f: Flow) => f.from === gatewayId(nsOf(f.from)) && f.to === api && f.port === `${API_PORT}/TCP`;
    const unexpectedIn = inn.filter((f) => nsOf(f.from) !== t && f.from !== scraper && !viaGateway(f));
    checks.push(
      per(
        t,
        '<tenant>: no other ingress',
        unexpectedIn.length === 0,
        unexpectedIn.map((f) => `${f.from}:${f.port}`),
      ),
    );
  }
  return checks;
}

/** The RBAC promises: a tenant's ServiceAccount reads its own namespace only, never Secrets, nothing cluster-wide. */
export function checkRbacIsolation(model: ClusterModel, grants: readonly Grant[]): Check[] {
  const bySubject = grantsBySubject(grants);
  const checks: Check[] = [];
  for (const t of tenantNamespaces(model)) {
    const sa = `${t}/${apiDeploymentName(t)}-sa`;
    const mine = bySubject.get(sa) ?? [];
    const podScopes = scopesWhere(mine, ['list'], 'pods');
    const group = (name: string) => name.replaceAll(t, '<tenant>');
    checks.push(
      per(
        t,
        `${sa} can list pods in ${t}`,
        podScopes.has(t) || podScopes.has('*'),
        [],
        group(`${sa} can list pods in ${t}`),
      ),
    );
    const elsewhere = [...podScopes].filter((s) => s !== t).map((s) => (s === '*' ? 'cluster-wide' : s));
    checks.push(
      per(
        t,
        `${sa} cannot list pods in any other namespace`,
        elsewhere.length === 0,
        elsewhere.sort(),
        group(`${sa} cannot list pods in any other namespace`),
      ),
    );
    const secrets = [...scopesWhere(mine, ['get', 'list', 'watch'], 'secrets')].map((s) =>
      s === '*' ? 'cluster-wide' : s,
    );
    checks.push(
      per(
        t,
        `${sa} cannot read secrets anywhere`,
        secrets.length === 0,
        secrets.sort(),
        group(`${sa} cannot read secrets anywhere`),
      ),
    );
    const cluster = mine.filter((g) => g.scope === '*').map((g) => g.via);
    checks.push(
      per(
        t,
        `${sa} has no cluster-wide permission`,
        cluster.length === 0,
        cluster,
        group(`${sa} has no cluster-wide permission`),
      ),
    );
  }
  return checks;
}
