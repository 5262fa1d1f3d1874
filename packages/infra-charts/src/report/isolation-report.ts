import type { ManifestFile } from '../manifest/manifest.js';
import { analyzeIsolation, type IsolationAnalysis } from '../verify/analyze-isolation.js';
import { groupTenantShapes, type TenantShapes } from '../verify/tenant-shapes.js';
import { renderReport } from './render-report.js';

/** The isolation report synth writes next to the manifests of each profile; verify fails when it is stale. */
export const REPORT_FILE = 'REPORT.md';

/** REPORT.md for a profile, as synth writes it next to the manifests; `analysis` reuses one verify already made. */
export function isolationReport(
  profile: string,
  files: readonly ManifestFile[],
  analysis: IsolationAnalysis = analyzeIsolation(files.flatMap((f) => f.documents)),
  shapes: TenantShapes = groupTenantShapes(analysis),
): string {
  return renderReport(profile, analysis, shapes, files);
}
