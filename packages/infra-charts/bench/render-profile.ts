import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatformConfig, type ProfileName } from '../src/config/index.js';
import { KUSTOMIZATION_FILE } from '../src/manifest/dist-layout.js';
import type { ManifestFile } from '../src/manifest/manifest.js';
import { renderYaml } from '../src/manifest/render-yaml.js';
import { isolationReport, REPORT_FILE } from '../src/report/isolation-report.js';
import { synthesizeProfile } from '../src/synth/synthesize-profile.js';
import { toKustomization } from '../src/synth/to-kustomization.js';
import { writeProfileDir } from '../src/synth/write-profile-dir.js';

/**
 * Synthesizes and writes one profile without the guardrails, so the benchmark can measure verify and sizes even
 * where synth refuses (an object above the size bound): what synth would have written.
 */
export function renderProfile(configFile: string, dir: string, profile: string) {
  const config = loadPlatformConfig(configFile);
  const files: ManifestFile[] = synthesizeProfile(config, profile as ProfileName);
  const rendered = new Map(files.map((f) => [f.name, renderYaml(f)]));
  // The Kustomization too, as synth writes it: verify reads the files it lists (and refuses a folder without one).
  writeProfileDir(
    dir,
    new Map([...rendered, [KUSTOMIZATION_FILE, toKustomization(profile, config.platform.name, [...rendered.keys()])]]),
  );
  writeFileSync(join(dir, REPORT_FILE), isolationReport(profile, files));
  return { files, rendered };
}
