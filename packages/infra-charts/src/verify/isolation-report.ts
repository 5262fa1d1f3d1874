import type { ManifestFile } from '../manifest/manifest.js';
import { LABEL_ROLE } from '../platform-constants.js';
import { buildClusterModel } from './cluster-model.js';
import { connectivity, readPolicies } from './network-reachability.js';
import { analyzeRbac } from './rbac-analysis.js';
import { renderReport } from './render-report.js';

/** Above this many tenants the pairwise report would be unreadable (and quadratic to build); verify still checks everything. */
export const REPORT_TENANT_LIMIT = 50;

/** REPORT.md for a profile, as synth writes it next to the manifests. */
export function isolationReport(profile: string, files: readonly ManifestFile[]): string {
  const manifests = files.flatMap((f) => f.documents);
  const tenants = manifests.filter(
    (m) => m.kind === 'Namespace' && m.metadata.labels?.[LABEL_ROLE] === 'tenant',
  ).length;
  if (tenants > REPORT_TENANT_LIMIT) {
    return `# Isolation report: ${profile}\n\n${tenants} tenants: the pairwise report is written for at most ${REPORT_TENANT_LIMIT}. Run \`pnpm verify\` for the checks.\n`;
  }
  const model = buildClusterModel(manifests);
  return renderReport(
    profile,
    model,
    connectivity(model, readPolicies(manifests)),
    analyzeRbac(manifests).grants,
    files,
  );
}
