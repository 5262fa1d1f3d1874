import type { Manifest } from '../manifest/manifest.js';
import { allowedFlows } from './allowed-flows.js';
import { buildClusterModel, type ClusterModel } from './cluster-model.js';
import { type Flow, type Policy, readPolicies } from './network-reachability.js';
import { analyzeRbac, type Grant } from './rbac-analysis.js';

/** What the manifests allow: computed once and shared by the checks, REPORT.md and `--diff`. */
export interface IsolationAnalysis {
  readonly manifests: readonly Manifest[];
  readonly model: ClusterModel;
  readonly policies: readonly Policy[];
  /** Every allowed flow (denied ones are not listed: there are n² of them). */
  readonly flows: readonly Flow[];
  readonly grants: readonly Grant[];
  /** RoleBindings that refer to missing Roles or ServiceAccounts. */
  readonly rbacProblems: readonly string[];
}

/** Builds the cluster model, the allowed flows and the RBAC grants of a set of manifests. */
export function analyzeIsolation(manifests: readonly Manifest[]): IsolationAnalysis {
  const model = buildClusterModel(manifests);
  const policies = readPolicies(manifests);
  const { grants, problems } = analyzeRbac(manifests);
  return { manifests, model, policies, flows: allowedFlows(model, policies), grants, rbacProblems: problems };
}
