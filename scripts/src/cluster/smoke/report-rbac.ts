import { can, type Grant } from '@mlops/infra-charts';

/** One row of REPORT.md's RBAC table: what a ServiceAccount is granted, and where. */
export interface RbacRow {
  readonly serviceAccount: string;
  /** A namespace, or `cluster`. */
  readonly scope: string;
  readonly grants: ReadonlyArray<{ readonly verbs: readonly string[]; readonly resources: readonly string[] }>;
}

/**
 * Reads the RBAC table of `dist/<profile>/REPORT.md` (rows like
 * `| tenant-a/tenant-a-ml-inference-sa | tenant-a | get,list,watch pods,services | RoleBinding/… |`).
 */
export function parseRbacTable(report: string): RbacRow[] {
  const section = report.split(/^## RBAC.*$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| service account') && !line.startsWith('| ---'))
    .map((line) => {
      const [serviceAccount = '', scope = '', grants = ''] = line
        .split('|')
        .map((cell) => cell.trim())
        .slice(1);
      return {
        serviceAccount,
        scope,
        grants: grants.split('; ').map((grant) => {
          const [verbs = '', resources = ''] = grant.split(' ');
          return { verbs: verbs.split(','), resources: resources.split(',') };
        }),
      };
    });
}

/**
 * What `kubectl auth can-i <verb> <resource> -n <namespace> --as <sa>` should answer, per REPORT.md: its rows as
 * grants, decided by the same `can` that the report itself was derived with (the table carries no API groups).
 */
export function reportAllows(
  rows: readonly RbacRow[],
  serviceAccount: string,
  verb: string,
  resource: string,
  namespace: string,
): boolean {
  // `<tenant>` rows stand for each tenant of the common shape; a tenant listed by name (an exception) has its own.
  const tenant = serviceAccount.split('/')[0] ?? '';
  const named = rows.some((row) => row.serviceAccount === serviceAccount || row.scope === tenant);
  const expand = (text: string) => (named ? text : text.replaceAll('<tenant>', tenant));
  const grants: Grant[] = rows.map((row) => ({
    subject: expand(row.serviceAccount),
    scope: row.scope === 'cluster' ? '*' : expand(row.scope),
    via: 'REPORT.md',
    rules: row.grants.map((g) => ({ apiGroups: ['*'], verbs: g.verbs, resources: g.resources })),
  }));
  return can(grants, serviceAccount, verb, resource, namespace);
}
