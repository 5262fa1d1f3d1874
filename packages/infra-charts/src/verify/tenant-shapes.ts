import { checkPodSecurity } from '../guardrails/check-pod-security.js';
import { podSpecOf } from '../guardrails/pod-templates.js';
import type { IsolationAnalysis } from './analyze-isolation.js';
import { tenantNamespaces } from './isolation-checks.js';
import type { Grant } from './rbac-analysis.js';

/** The placeholder REPORT.md writes for "each tenant of the common shape". */
export const TENANT = '<tenant>';

/** Tenants grouped by shape: the largest group is the common shape, every other tenant an exception. */
export interface TenantShapes {
  readonly tenants: readonly string[];
  /** The tenants of the common shape, sorted. */
  readonly common: readonly string[];
  /** The common shape's lines, with {@link TENANT} for the tenant's name. */
  readonly commonLines: readonly string[];
  /** Each exception and its lines, sorted by tenant. */
  readonly exceptions: ReadonlyArray<{ readonly tenant: string; readonly lines: readonly string[] }>;
}

const nsOf = (id: string) => (id.includes('/') ? (id.split('/')[0] as string) : id);

/** `tenant-a` → `<tenant>`, `tenant-a-ml-inference` → `<tenant>-ml-inference`; other strings unchanged. */
export function templateName(value: string, tenant: string): string {
  if (value === tenant) return TENANT;
  return value.startsWith(`${tenant}-`) ? `${TENANT}${value.slice(tenant.length)}` : value;
}

/** A `namespace/name` id with the tenant's name templated in both parts. */
export function templateId(id: string, tenant: string): string {
  return id
    .split('/')
    .map((part) => templateName(part, tenant))
    .join('/');
}

/** Every string in a JSON value templated, for comparing policy specs across tenants. */
function templateValue(value: unknown, tenant: string): unknown {
  if (typeof value === 'string') return templateName(value, tenant);
  if (Array.isArray(value)) return value.map((v) => templateValue(v, tenant));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, templateValue(v, tenant)]));
  return value;
}

/** The tenant a grant concerns: its subject's namespace, or else its scope, when that is a tenant. */
export function grantTenant(g: Grant, tenants: ReadonlySet<string>): string | undefined {
  const subjectNs = nsOf(g.subject);
  if (tenants.has(subjectNs)) return subjectNs;
  return tenants.has(g.scope) ? g.scope : undefined;
}

/** One grant as a table row text: `verbs resources (groups)` joined by `; `. */
export function describeRules(g: Grant): string {
  return g.rules
    .map(
      (r) =>
        `${(r.verbs ?? []).join(',')} ${(r.resources ?? []).join(',')}${(r.apiGroups ?? []).some((a) => a) ? ` (${(r.apiGroups ?? []).join(',')})` : ''}`,
    )
    .join('; ');
}

/**
 * Groups tenants by everything isolation depends on, with the tenant's own name templated: namespace labels,
 * NetworkPolicy specs, allowed flows in and out, grants, Pod Security. O(objects + flows), then a sort.
 */
export function groupTenantShapes(analysis: IsolationAnalysis): TenantShapes {
  const tenants = tenantNamespaces(analysis.model);
  const tenantSet = new Set(tenants);
  const lines = new Map<string, string[]>(tenants.map((t) => [t, []]));
  const add = (t: string | undefined, line: string) => {
    if (t !== undefined) lines.get(t)?.push(line);
  };
  for (const t of tenants)
    add(t, `namespace labels ${JSON.stringify(templateValue(analysis.model.namespaces.get(t), t))}`);
  for (const m of analysis.manifests) {
    const t = m.metadata.namespace;
    if (!t || !tenantSet.has(t)) continue;
    if (m.kind === 'NetworkPolicy')
      add(t, `networkpolicy ${templateName(m.metadata.name, t)} ${JSON.stringify(templateValue(m.spec, t))}`);
    const pod = podSpecOf(m);
    if (pod) {
      const findings = checkPodSecurity(pod).map((f) => f.rule);
      add(
        t,
        `pod-security ${m.kind} ${templateId(`${t}/${m.metadata.name}`, t)}: ${findings.join(', ') || 'restricted'}`,
      );
    }
  }
  for (const f of analysis.flows) {
    const from = nsOf(f.from);
    const to = nsOf(f.to);
    if (tenantSet.has(from)) add(from, `flow ${templateId(f.from, from)} -> ${templateId(f.to, from)}:${f.port}`);
    if (tenantSet.has(to) && to !== from)
      add(to, `flow ${templateId(f.from, to)} -> ${templateId(f.to, to)}:${f.port}`);
  }
  for (const g of analysis.grants) {
    const t = grantTenant(g, tenantSet);
    if (t)
      add(
        t,
        `grant ${templateId(g.subject, t)} @ ${g.scope === '*' ? 'cluster' : templateName(g.scope, t)}: ${describeRules(g)}`,
      );
  }
  const groups = new Map<string, string[]>();
  for (const t of tenants) {
    const key = (lines.get(t) ?? []).sort().join('\n');
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  const [commonKey, common] = [...groups].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  const inCommon = new Set(common);
  const exceptions = tenants
    .filter((t) => !inCommon.has(t))
    .map((tenant) => ({ tenant, lines: lines.get(tenant) ?? [] }));
  return { tenants, common, commonLines: commonKey ? commonKey.split('\n') : [], exceptions };
}
