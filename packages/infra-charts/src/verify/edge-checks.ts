import { apiDeploymentName } from '@mlops/shared/contract';
import type { Manifest } from '../manifest/manifest.js';
import { API_PORT } from '../platform-constants.js';
import { tenantNames } from '../tenant/tenant-names.js';
import type { IsolationAnalysis } from './analyze-isolation.js';
import type { Endpoint } from './cluster-model.js';
import { gatewayId, ROUTE_KINDS } from './edge-endpoints.js';
import { type Check, tenantNamespaces } from './isolation-checks.js';
import { type Flow, ingressAllows } from './network-reachability.js';

const nsOf = (id: string) => id.split('/')[0] ?? '';
type Obj = Record<string, unknown>;
const asArray = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);

/** The gateway endpoints of the model (one per gateway implementation namespace). */
export function gatewayEndpoints(endpoints: readonly Endpoint[]): Endpoint[] {
  return endpoints.filter((e) => !e.external && e.namespace !== undefined && e.id === gatewayId(e.namespace));
}

/** What a route sends traffic to and the hostnames it claims: HTTPRoute backendRefs, Ingress backends. */
export function routeTargets(m: Manifest): { services: string[]; hostnames: string[] } {
  const spec = (m.spec ?? {}) as Obj;
  const own = m.metadata.namespace ?? 'default';
  if (m.kind === 'HTTPRoute') {
    const refs = asArray(spec.rules).flatMap((r) => asArray(r.backendRefs));
    return {
      services: refs.map((b) => `${String(b.namespace ?? own)}/${String(b.kind ?? 'Service')}/${String(b.name)}`),
      hostnames: (spec.hostnames as string[] | undefined) ?? [],
    };
  }
  const rules = asArray(spec.rules);
  const backends = [
    ...(spec.defaultBackend ? [spec.defaultBackend as Obj] : []),
    ...rules.flatMap((r) => asArray((r.http as Obj | undefined)?.paths).map((p) => p.backend as Obj)),
  ];
  return {
    services: backends.map((b) => `${own}/Service/${String((b?.service as Obj | undefined)?.name)}`),
    hostnames: rules.map((r) => String(r.host ?? '*')),
  };
}

const check = (t: string, name: string, problems: readonly string[]): Check => ({
  name: name.replaceAll('<tenant>', t),
  ok: problems.length === 0,
  ...(t ? { group: name } : {}),
  ...(problems.length ? { detail: problems.join(', ') } : {}),
});

/**
 * The edge promises: the gateway is the only way in from outside, it reaches each tenant's API port and nothing
 * else, and a tenant's route claims only its own hostname and sends only to its own Service. Linear in tenants.
 */
export function checkEdgeIsolation(analysis: IsolationAnalysis): Check[] {
  const { model, flows, policies, manifests } = analysis;
  const routes = manifests.filter((m) => ROUTE_KINDS.has(m.kind) && m.metadata.namespace !== 'mlops-gateway');
  const gateways = gatewayEndpoints(model.endpoints);
  if (routes.length === 0 && gateways.length === 0) return [];
  const internet = model.endpoints.find((e) => e.id === 'internet');
  const ids = new Set(gateways.map((g) => g.id));
  const fromGateway = flows.filter((f) => ids.has(f.from));
  const tenants = tenantNamespaces(model);
  const tenantSet = new Set(tenants);
  const checks: Check[] = [];
  const openToInternet = (e: Endpoint) =>
    internet
      ? e.ports
          .filter((p) => ingressAllows(internet, e, p, policies, model))
          .map((p) => `${e.id}:${p.port}/${p.protocol}`)
      : [];
  checks.push(
    check('', `every tenant route names its gateway pods (${gateways.map((g) => g.id).join(', ') || 'none'})`, [
      ...(gateways.length === 0 ? ['no route carries mlops.platform/edge-pods'] : []),
    ]),
  );
  // kube-system is the cluster's: kube-dns serves everyone, metrics-server must admit the API server (no policy).
  const ours = (id: string) => nsOf(id) !== 'kube-system' && !ids.has(id);
  const external = new Set(model.endpoints.filter((e) => e.external).map((e) => e.id));
  const strays = fromGateway.filter((f) => !external.has(f.to) && ours(f.to) && !tenantSet.has(nsOf(f.to)));
  checks.push(
    check('', 'gateway -> every platform namespace: blocked (it reaches tenant APIs only)', strays.map(show)),
  );
  const exposed = model.endpoints.filter((e) => !e.external && ours(e.id)).flatMap(openToInternet);
  checks.push(
    check('', 'internet -> every pod outside kube-system but the gateway: blocked (the only way in)', exposed),
  );
  const owners = new Map<string, string>();
  for (const r of routes)
    for (const h of routeTargets(r).hostnames) if (!owners.has(h)) owners.set(h, r.metadata.namespace ?? '');
  const routesIn = indexBy(routes, (r) => r.metadata.namespace ?? '');
  const endpointsIn = indexBy(model.endpoints, (e) => e.namespace ?? '');
  const gatewayFlowsInto = indexBy(fromGateway, (f) => nsOf(f.to));
  for (const t of tenants) {
    const api = `${t}/${apiDeploymentName(t)}`;
    const mine = routesIn(t);
    const service = `${t}/Service/${tenantNames(t).service}`;
    const wrong = mine.flatMap((r) => {
      const { services, hostnames } = routeTargets(r);
      return [
        ...services.filter((s) => s !== service).map((s) => `${r.kind} ${t}/${r.metadata.name} -> ${s}`),
        ...hostnames
          .filter((h) => owners.get(h) !== t)
          .map((h) => `${r.kind} ${t}/${r.metadata.name} claims ${h} of ${owners.get(h)}`),
      ];
    });
    checks.push(check(t, '<tenant> route: own hostname, own Service only', mine.length === 0 ? ['no route'] : wrong));
    const inn = gatewayFlowsInto(t);
    checks.push(
      check(
        t,
        `gateway -> <tenant> API port ${API_PORT}: allowed`,
        inn.some((f) => f.to === api && f.port === `${API_PORT}/TCP`) ? [] : ['no flow'],
      ),
    );
    checks.push(
      check(
        t,
        `gateway -> <tenant>: API port ${API_PORT} only (never the probe port)`,
        inn.filter((f) => !(f.to === api && f.port === `${API_PORT}/TCP`)).map(show),
      ),
    );
    checks.push(
      check(t, 'internet -> <tenant>: blocked (only through the gateway)', endpointsIn(t).flatMap(openToInternet)),
    );
  }
  return checks;
}

/** Groups items by a key once, so per-tenant lookups stay O(1) at 1000 tenants. */
function indexBy<T>(items: readonly T[], key: (item: T) => string): (k: string) => readonly T[] {
  const index = new Map<string, T[]>();
  for (const item of items) {
    const list = index.get(key(item));
    if (list) list.push(item);
    else index.set(key(item), [item]);
  }
  return (k) => index.get(k) ?? [];
}

const show = (f: Flow) => `${f.from} -> ${f.to}:${f.port}`;
