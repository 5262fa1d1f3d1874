import type { ManifestFile } from '../manifest/manifest.js';
import { analyzeIsolation, type IsolationAnalysis } from './analyze-isolation.js';
import { renderReport } from './render-report.js';
import { groupTenantShapes } from './tenant-shapes.js';

/** REPORT.md for a profile, as synth writes it next to the manifests; `analysis` reuses one verify already made. */
export function isolationReport(
  profile: string,
  files: readonly ManifestFile[],
  analysis: IsolationAnalysis = analyzeIsolation(files.flatMap((f) => f.documents)),
): string {
  return renderReport(profile, analysis, groupTenantShapes(analysis), files);
}
