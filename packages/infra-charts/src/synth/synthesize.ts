import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IAM_FILE, renderIam } from '../addons/aws/render-iam.js';
import { loadPlatformConfig, type PlatformConfig, PROFILE_NAMES, type ProfileName } from '../config/index.js';
import { runGuardrails } from '../guardrails/run-guardrails.js';
import { GuardrailError } from '../guardrails/violation.js';
import type { ManifestFile } from '../manifest/manifest.js';
import { isolationReport } from '../verify/isolation-report.js';
import { renderYaml } from './render-yaml.js';
import { synthesizeProfile } from './synthesize-profile.js';
import { KUSTOMIZATION_FILE, toKustomization } from './to-kustomization.js';
import { type WriteResult, writeProfileDir } from './write-profile-dir.js';

/** The isolation report synth writes next to the manifests of each profile. */
export const REPORT_FILE = 'REPORT.md';

/** Options of {@link synthesize}. */
export interface SynthesizeOptions {
  /** Path of the YAML or JSON platform config. */
  readonly configFile: string;
  /** Folder that receives one sub-folder per profile. */
  readonly outDir: string;
  /** @default - every profile the config declares */
  readonly profiles?: readonly string[];
}

/** The outcome of synthesizing one profile. */
export interface ProfileResult extends WriteResult {
  readonly profile: ProfileName;
  readonly dir: string;
  readonly objects: number;
}

/** Loads, validates, synthesizes, checks and writes: the whole `pnpm synth`. Throws before writing anything unsafe. */
export async function synthesize(options: SynthesizeOptions): Promise<ProfileResult[]> {
  const config = loadPlatformConfig(options.configFile);
  const profiles = selectProfiles(config, options.profiles);
  const rendered: Array<{ profile: ProfileName; files: ManifestFile[] }> = [];
  const violations = [];
  for (const profile of profiles) {
    const files = synthesizeProfile(config, profile);
    violations.push(...(await runGuardrails(files)).map((v) => ({ ...v, file: `${profile}/${v.file}` })));
    rendered.push({ profile, files });
  }
  if (violations.length > 0) throw new GuardrailError(violations);
  return rendered.map(({ profile, files }) => {
    const dir = join(options.outDir, profile);
    const contents = new Map(files.map((f) => [f.name, renderYaml(f)]));
    contents.set(KUSTOMIZATION_FILE, toKustomization(profile, config.platform.name, [...contents.keys()]));
    const result = writeProfileDir(dir, contents);
    writeFileSync(join(dir, REPORT_FILE), isolationReport(profile, files));
    writeOrRemove(join(dir, IAM_FILE), renderIam(config, profile));
    return { profile, dir, objects: files.reduce((n, f) => n + f.documents.length, 0), ...result };
  });
}

/** The profiles to build: the requested ones, each checked against the config. */
export function selectProfiles(config: PlatformConfig, requested?: readonly string[]): ProfileName[] {
  const declared = PROFILE_NAMES.filter((p) => config.profiles[p] !== undefined);
  if (!requested || requested.length === 0) return declared;
  const unknown = requested.filter((p) => !declared.includes(p as ProfileName));
  if (unknown.length > 0) {
    throw new Error(
      `--profile ${unknown.map((p) => `"${p}"`).join(', ')} is not declared in the config; allowed: ${declared.join(', ')}`,
    );
  }
  return requested as ProfileName[];
}

/** Writes a generated side file, or removes a stale one when the profile no longer has it (IAM.md of S3 profiles). */
function writeOrRemove(path: string, content: string | undefined): void {
  if (content === undefined) rmSync(path, { force: true });
  else writeFileSync(path, content);
}
