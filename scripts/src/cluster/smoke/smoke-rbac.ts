import { can, type Grant, tenantNames } from '@mlops/infra-charts';
import type { CheckResult } from '../../process/check-result.js';
import { kubectl } from '../kubectl.js';

/** The questions asked for each tenant ServiceAccount, in every namespace and cluster-wide. */
export const RBAC_QUESTIONS: ReadonlyArray<readonly [verb: string, resource: string]> = [
  ['list', 'pods'],
  ['get', 'configmaps'],
  ['get', 'secrets'],
  ['create', 'pods'],
  ['delete', 'deployments'],
];

/** `kubectl auth can-i` for a ServiceAccount; `namespace` undefined asks cluster-wide. */
export async function canI(
  serviceAccount: string,
  verb: string,
  resource: string,
  namespace: string | undefined,
  kubeContext: string,
): Promise<boolean> {
  const [ns, name] = serviceAccount.split('/');
  const { stdout, exitCode } = await kubectl(
    kubeContext,
    [
      'auth',
      'can-i',
      verb,
      resource,
      ...(namespace ? ['-n', namespace] : []),
      `--as=system:serviceaccount:${ns}:${name}`,
    ],
    { timeoutMs: 30_000, allowExitCodes: [1] },
  );
  if (!/^(yes|no)/.test(stdout.trim())) throw new Error(`kubectl auth can-i answered "${stdout}" (exit ${exitCode})`);
  return stdout.trim().startsWith('yes');
}

/**
 * Asks the API server what each tenant's ServiceAccount may do, in every namespace and cluster-wide, and compares
 * each answer with the RBAC analysis of dist/ (`analyzeRbac`, the one REPORT.md is rendered from). Its own namespace's "list pods" must be a yes: the positive control that
 * impersonation works, so a cluster answering "no" to everything cannot pass.
 */
export async function checkTenantRbac(
  tenant: string,
  namespaces: readonly string[],
  grants: readonly Grant[],
  kubeContext: string,
): Promise<CheckResult> {
  const sa = `${tenant}/${tenantNames(tenant).serviceAccount}`;
  const mismatches: string[] = [];
  let asked = 0;
  for (const namespace of [...namespaces, undefined])
    for (const [verb, resource] of RBAC_QUESTIONS) {
      const expected = can(grants, sa, verb, resource, namespace ?? '');
      const observed = await canI(sa, verb, resource, namespace, kubeContext);
      asked += 1;
      if (observed !== expected)
        mismatches.push(
          `${verb} ${resource} ${namespace ? `in ${namespace}` : 'cluster-wide'}: cluster says ${observed ? 'yes' : 'no'}, dist/ ${expected ? 'yes' : 'no'}`,
        );
    }
  const control = can(grants, sa, 'list', 'pods', tenant);
  return {
    name: `${sa}: kubectl auth can-i matches the RBAC of dist/`,
    ok: control && mismatches.length === 0,
    detail: !control
      ? 'dist/ does not let the tenant list its own pods: the positive control is missing; run pnpm synth'
      : mismatches.length === 0
        ? `${asked} answers agree`
        : mismatches.join('; '),
  };
}
