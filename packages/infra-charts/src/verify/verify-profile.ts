import { runGuardrails } from '../guardrails/run-guardrails.js';
import { formatViolation } from '../guardrails/violation.js';
import type { ManifestFile } from '../manifest/manifest.js';
import { checkApiServerRules } from './api-server-rules.js';
import { checkIrsaEgress } from './check-irsa-egress.js';
import { buildClusterModel } from './cluster-model.js';
import { type Check, checkNetworkIsolation, checkRbacIsolation } from './isolation-checks.js';
import { isolationReport } from './isolation-report.js';
import { connectivity, readPolicies } from './network-reachability.js';
import { analyzeRbac } from './rbac-analysis.js';

/** Everything verify found for one profile, and the report it renders. */
export interface VerifyResult {
  readonly profile: string;
  readonly checks: readonly Check[];
  readonly report: string;
}

/** Runs every check on the manifests of one profile: schema and Pod Security, API-server rules, reachability, RBAC. */
export async function verifyProfile(profile: string, files: readonly ManifestFile[]): Promise<VerifyResult> {
  const manifests = files.flatMap((f) => f.documents);
  const violations = await runGuardrails(files, { rejectUnknownFields: true });
  const model = buildClusterModel(manifests);
  const flows = connectivity(model, readPolicies(manifests));
  const { grants, problems } = analyzeRbac(manifests);
  const checks: Check[] = [
    {
      name: 'schema, Pod Security restricted, resources, default-deny (guardrails)',
      ok: violations.length === 0,
      ...(violations.length ? { detail: violations.map(formatViolation).join('\n') } : {}),
    },
    ...checkApiServerRules(files),
    {
      name: 'RoleBindings refer to existing Roles and ServiceAccounts',
      ok: problems.length === 0,
      ...(problems.length ? { detail: problems.join('; ') } : {}),
    },
    ...checkNetworkIsolation(model, flows),
    ...checkRbacIsolation(model, grants),
    ...checkIrsaEgress(manifests),
  ];
  return { profile, checks, report: isolationReport(profile, files) };
}
