import type { Manifest } from '../manifest/manifest.js';
import { API_PORT } from '../platform-constants.js';
import type { IsolationAnalysis } from '../verify/analyze-isolation.js';
import { gatewayEndpoints, routeTargets } from '../verify/edge-checks.js';
import { ROUTE_KINDS } from '../verify/edge-endpoints.js';
import { TENANT, type TenantShapes, templateId, templateName } from '../verify/tenant-shapes.js';

const nsOf = (id: string) => id.split('/')[0] ?? '';
/** At most this many custom hostnames are listed by name; REPORT.md stays bounded at any tenant count. */
const MAX_LISTED = 20;

/**
 * The edge section of REPORT.md: internet → gateway → each tenant's API, as aggregate rows (`<tenant>` for each
 * tenant of one row), hostnames outside the common pattern listed up to {@link MAX_LISTED}.
 */
export function renderEdge(analysis: IsolationAnalysis, shapes: TenantShapes): string[] {
  const gateways = gatewayEndpoints(analysis.model.endpoints);
  const tenantSet = new Set(shapes.tenants);
  const routesOf = new Map<string, Manifest[]>();
  for (const m of analysis.manifests) {
    const ns = m.metadata.namespace ?? '';
    if (ROUTE_KINDS.has(m.kind) && tenantSet.has(ns)) routesOf.set(ns, [...(routesOf.get(ns) ?? []), m]);
  }
  if (gateways.length === 0 && routesOf.size === 0) return [];
  const ids = new Set(gateways.map((g) => g.id));
  const ports = new Map<string, Set<string>>();
  for (const f of analysis.flows)
    if (ids.has(f.from) && tenantSet.has(nsOf(f.to))) {
      const key = `${nsOf(f.to)}|${templateId(f.from, nsOf(f.to))} -> ${templateId(f.to, nsOf(f.to))}`;
      const set = ports.get(key) ?? new Set<string>();
      set.add(f.port);
      ports.set(key, set);
    }
  const byTenant = new Map<string, string[]>();
  for (const [key, set] of ports) {
    const [t, path] = key.split('|') as [string, string];
    byTenant.set(t, [...(byTenant.get(t) ?? []), `${path}:${[...set].sort().join(',')}`]);
  }
  const custom: string[] = [];
  const rows = new Map<string, string[]>();
  for (const t of shapes.tenants) {
    const mine = routesOf.get(t) ?? [];
    const hosts = mine.flatMap((r) => routeTargets(r).hostnames);
    const templated = hosts.map((h) => templateName(h.split('.')[0] ?? h, t) + h.slice(h.indexOf('.')));
    if (hosts.some((h) => !h.startsWith(`${t}.`))) custom.push(`${t}: ${hosts.join(', ')}`);
    const row = [
      templated.filter((h) => h.startsWith(TENANT)).join(', ') || 'custom (below)',
      mine.map((r) => `${r.kind} ${templateId(`${t}/${r.metadata.name}`, t)}`).join(', ') || 'none',
      [...new Set(mine.flatMap((r) => routeTargets(r).services.map((s) => templateId(s, t))))].join(', ') || 'none',
      (byTenant.get(t) ?? []).sort().join('; ') || 'blocked',
    ].join(' | ');
    rows.set(row, [...(rows.get(row) ?? []), t]);
  }
  const n = shapes.tenants.length;
  const lines = [
    '## Edge: internet → gateway → tenant API (the only way in)',
    '',
    `internet → ${gateways.map((g) => `${g.id} (443/TCP; 80/TCP only redirects to HTTPS)`).join(', ') || 'no gateway'} → each tenant's API port ${API_PORT}/TCP, and nothing else: \`pnpm verify\` proves that no other pod outside kube-system admits the internet, that the gateway reaches no platform namespace, and never a tenant's probe port.`,
    '',
    '| tenants | hostname | route | backend | gateway → tenant pods |',
    '| --- | --- | --- | --- | --- |',
    ...[...rows]
      .sort((a, b) => b[1].length - a[1].length)
      .map(
        ([row, ts]) =>
          `| ${ts.length === n ? `every tenant (${n})` : ts.length > 3 ? `${ts.length} tenants (${ts[0]}, …)` : ts.join(', ')} | ${row} |`,
      ),
    '',
    `Custom hostnames: ${custom.length === 0 ? 'none' : custom.slice(0, MAX_LISTED).join('; ')}${custom.length > MAX_LISTED ? `; … and ${custom.length - MAX_LISTED} more` : ''}.`,
    '',
  ];
  return lines;
}
