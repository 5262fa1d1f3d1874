import type { Manifest } from '../manifest/manifest.js';

interface Rule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs?: readonly string[];
}

/** What one subject may do, and where: a namespace, or "*" for cluster-wide. */
export interface Grant {
  readonly subject: string;
  readonly scope: string;
  readonly via: string;
  readonly rules: readonly Rule[];
}

/** Every grant of every ServiceAccount, as `kubectl auth can-i --list` would derive it from the bindings. */
export function analyzeRbac(manifests: readonly Manifest[]): { grants: Grant[]; problems: string[] } {
  const roles = new Map<string, readonly Rule[]>();
  for (const m of manifests) {
    if (m.kind === 'Role') roles.set(`Role/${m.metadata.namespace}/${m.metadata.name}`, (m.rules as Rule[]) ?? []);
    if (m.kind === 'ClusterRole') roles.set(`ClusterRole/${m.metadata.name}`, (m.rules as Rule[]) ?? []);
  }
  const serviceAccounts = new Set(
    manifests.filter((m) => m.kind === 'ServiceAccount').map((m) => `${m.metadata.namespace}/${m.metadata.name}`),
  );
  const grants: Grant[] = [];
  const problems: string[] = [];
  for (const m of manifests) {
    if (m.kind !== 'RoleBinding' && m.kind !== 'ClusterRoleBinding') continue;
    const ref = m.roleRef as { kind: string; name: string };
    const key = ref.kind === 'Role' ? `Role/${m.metadata.namespace}/${ref.name}` : `ClusterRole/${ref.name}`;
    const rules = roles.get(key);
    const builtIn = ref.name.startsWith('system:') || ref.name === 'extension-apiserver-authentication-reader';
    if (!rules && !builtIn)
      problems.push(`${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name} refers to missing ${key}`);
    for (const s of (m.subjects as Array<{ kind: string; name: string; namespace?: string }>) ?? []) {
      if (s.kind !== 'ServiceAccount') continue;
      const subject = `${s.namespace ?? m.metadata.namespace}/${s.name}`;
      if (!serviceAccounts.has(subject))
        problems.push(
          `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name} binds ServiceAccount ${subject}, which is not defined`,
        );
      grants.push({
        subject,
        scope: m.kind === 'RoleBinding' ? (m.metadata.namespace ?? 'default') : '*',
        via: `${m.kind}/${m.metadata.name} -> ${key}`,
        rules: rules ?? [{ apiGroups: ['?'], resources: [`(built-in ${ref.name})`], verbs: ['?'] }],
      });
    }
  }
  return { grants, problems };
}

/** Whether one rule grants `verb` on `resource` in `apiGroup`, wildcards included. */
function ruleGrants(r: Rule, verb: string, resource: string, apiGroup: string): boolean {
  return (
    (r.verbs ?? []).some((v) => v === verb || v === '*') &&
    (r.resources ?? []).some((x) => x === resource || x === '*') &&
    (r.apiGroups ?? []).some((a) => a === apiGroup || a === '*')
  );
}

/** Grants by subject, so per-subject questions cost that subject's grants, not all of them. */
export function grantsBySubject(grants: readonly Grant[]): Map<string, Grant[]> {
  const index = new Map<string, Grant[]>();
  for (const g of grants) {
    const list = index.get(g.subject);
    if (list) list.push(g);
    else index.set(g.subject, [g]);
  }
  return index;
}

/** Where (namespaces, "*" for cluster-wide) the grants allow any of `verbs` on `resource` of the core API group. */
export function scopesWhere(grants: readonly Grant[], verbs: readonly string[], resource: string): Set<string> {
  return new Set(
    grants.filter((g) => g.rules.some((r) => verbs.some((v) => ruleGrants(r, v, resource, '')))).map((g) => g.scope),
  );
}

/** `kubectl auth can-i <verb> <resource> -n <namespace> --as=system:serviceaccount:<subject>` on the manifests. */
export function can(
  grants: readonly Grant[],
  subject: string,
  verb: string,
  resource: string,
  namespace: string,
  apiGroup = '',
): boolean {
  return grants.some(
    (g) =>
      g.subject === subject &&
      (g.scope === '*' || g.scope === namespace) &&
      g.rules.some((r) => ruleGrants(r, verb, resource, apiGroup)),
  );
}
