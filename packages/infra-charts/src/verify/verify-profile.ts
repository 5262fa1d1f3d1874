import { runGuardrails } from '../guardrails/run-guardrails.js';
import { formatViolation } from '../guardrails/violation.js';
import type { ManifestFile } from '../manifest/manifest.js';
import { analyzeIsolation, type IsolationAnalysis } from './analyze-isolation.js';
import { checkApiServerRules } from './api-server-rules.js';
import { checkIrsaEgress } from './check-irsa-egress.js';
import { checkEdgeIsolation } from './edge-checks.js';
import { type Check, checkNetworkIsolation, checkRbacIsolation } from './isolation-checks.js';
import { groupTenantShapes, type TenantShapes } from './tenant-shapes.js';

/** Everything verify found for one profile, and the analysis REPORT.md is rendered from (src/report/). */
export interface VerifyResult {
  readonly profile: string;
  readonly checks: readonly Check[];
  /** The cluster model, flows and grants, built once: the report and `--diff` reuse it. */
  readonly analysis: IsolationAnalysis;
  /** Tenants grouped by shape: the summary names the exceptions. */
  readonly shapes: TenantShapes;
}

/** Runs every check on the manifests of one profile: schema and Pod Security, API-server rules, reachability, RBAC. */
export async function verifyProfile(profile: string, files: readonly ManifestFile[]): Promise<VerifyResult> {
  const manifests = files.flatMap((f) => f.documents);
  const violations = await runGuardrails(files, { rejectUnknownFields: true });
  const analysis = analyzeIsolation(manifests);
  const shapes = groupTenantShapes(analysis);
  const checks: Check[] = [
    {
      name: 'schema, Pod Security restricted, resources, default-deny (guardrails)',
      ok: violations.length === 0,
      ...(violations.length ? { detail: violations.map(formatViolation).join('\n') } : {}),
    },
    ...checkApiServerRules(files),
    {
      name: 'RoleBindings refer to existing Roles and ServiceAccounts',
      ok: analysis.rbacProblems.length === 0,
      ...(analysis.rbacProblems.length ? { detail: analysis.rbacProblems.join('; ') } : {}),
    },
    ...checkNetworkIsolation(analysis.model, analysis.flows),
    ...checkEdgeIsolation(analysis),
    ...checkRbacIsolation(analysis.model, analysis.grants),
    ...checkIrsaEgress(manifests),
  ];
  return { profile, checks, analysis, shapes };
}
