import { API_PORT, LABEL_ROLE, MINIO_API_PORT } from '../platform-constants.js';
import type { ClusterModel } from './cluster-model.js';
import type { Flow } from './network-reachability.js';
import { scraperId } from './operator-stack-endpoints.js';
import { can, type Grant } from './rbac-analysis.js';

/** One verified guarantee. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

const nsOf = (id: string) => id.split('/')[0] ?? '';

/** The isolation promises of the platform, checked on the computed connectivity. */
export function checkNetworkIsolation(model: ClusterModel, flows: readonly Flow[]): Check[] {
  const tenants = [...model.namespaces].filter(([, labels]) => labels[LABEL_ROLE] === 'tenant').map(([name]) => name);
  const checks: Check[] = [];
  // The platform's Prometheus (standalone) or the modelled kube-prometheus-stack one (operator mode).
  const scraper = model.endpoints.find((e) => e.id.endsWith('/prometheus'))?.id ?? scraperId('monitoring');
  const allowed = (pred: (f: Flow) => boolean) => flows.filter((f) => f.allowed && pred(f));
  const some = (pred: (f: Flow) => boolean) => flows.some((f) => f.allowed && pred(f));
  for (const t of tenants) {
    const fromT = (f: Flow) => nsOf(f.from) === t;
    const api = `${t}/${t}-ml-inference`;
    for (const other of tenants.filter((o) => o !== t)) {
      const leaks = allowed((f) => fromT(f) && nsOf(f.to) === other);
      checks.push({
        name: `${t} -> ${other}: blocked on every port`,
        ok: leaks.length === 0,
        ...(leaks.length ? { detail: leaks.map((f) => `${f.from} -> ${f.to}:${f.port}`).join(', ') } : {}),
      });
    }
    checks.push({
      name: `${t} -> ${t} API port ${API_PORT}: allowed`,
      ok: some((f) => fromT(f) && f.to === api && f.port === `${API_PORT}/TCP`),
    });
    checks.push({
      name: `monitoring -> ${t} API port ${API_PORT}: allowed`,
      ok: some((f) => f.from === scraper && f.to === api && f.port === `${API_PORT}/TCP`),
    });
    if (model.endpoints.some((e) => e.id === 'minio/minio')) {
      checks.push({
        name: `${t} -> minio ${MINIO_API_PORT}: allowed`,
        ok: some((f) => f.from === api && f.to === 'minio/minio' && f.port === `${MINIO_API_PORT}/TCP`),
      });
    }
    checks.push({ name: `${t} -> internet: blocked`, ok: !some((f) => fromT(f) && f.to === 'internet') });
    for (const proto of ['UDP', 'TCP'])
      checks.push({
        name: `${t} -> kube-dns 53/${proto}: allowed`,
        ok: some((f) => f.from === api && f.to === 'kube-system/kube-dns' && f.port === `53/${proto}`),
      });
    const unexpectedOut = allowed(
      (f) =>
        fromT(f) &&
        nsOf(f.to) !== t &&
        !(f.to === 'minio/minio' && f.port === `${MINIO_API_PORT}/TCP`) &&
        f.to !== 'kube-system/kube-dns',
    );
    checks.push({
      name: `${t}: no other egress`,
      ok: unexpectedOut.length === 0,
      ...(unexpectedOut.length ? { detail: unexpectedOut.map((f) => `${f.to}:${f.port}`).join(', ') } : {}),
    });
    const unexpectedIn = allowed((f) => nsOf(f.to) === t && nsOf(f.from) !== t && f.from !== scraper);
    checks.push({
      name: `${t}: no other ingress`,
      ok: unexpectedIn.length === 0,
      ...(unexpectedIn.length ? { detail: unexpectedIn.map((f) => `${f.from}:${f.port}`).join(', ') } : {}),
    });
  }
  return checks;
}

/** The RBAC promises: a tenant's ServiceAccount reads its own namespace only, never Secrets, nothing cluster-wide. */
export function checkRbacIsolation(model: ClusterModel, grants: readonly Grant[]): Check[] {
  const tenants = [...model.namespaces].filter(([, labels]) => labels[LABEL_ROLE] === 'tenant').map(([name]) => name);
  const namespaces = [...model.namespaces.keys()];
  const checks: Check[] = [];
  for (const t of tenants) {
    const sa = `${t}/${t}-ml-inference-sa`;
    checks.push({ name: `${sa} can list pods in ${t}`, ok: can(grants, sa, 'list', 'pods', t) });
    for (const other of namespaces.filter((n) => n !== t))
      checks.push({ name: `${sa} cannot list pods in ${other}`, ok: !can(grants, sa, 'list', 'pods', other) });
    const secrets = namespaces.filter((n) => ['get', 'list', 'watch'].some((v) => can(grants, sa, v, 'secrets', n)));
    checks.push({
      name: `${sa} cannot read secrets anywhere`,
      ok: secrets.length === 0,
      ...(secrets.length ? { detail: secrets.join(', ') } : {}),
    });
    const cluster = grants.filter((g) => g.subject === sa && g.scope === '*');
    checks.push({
      name: `${sa} has no cluster-wide permission`,
      ok: cluster.length === 0,
      ...(cluster.length ? { detail: cluster.map((g) => g.via).join(', ') } : {}),
    });
  }
  return checks;
}
