import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IAM_FILE, renderIam } from '../addons/aws/render-iam.js';
import { loadPlatformConfig, type PlatformConfig, PROFILE_NAMES, type ProfileName } from '../config/index.js';
import type { PlatformExtension } from '../extensions/platform-extension.js';
import { runGuardrails } from '../guardrails/run-guardrails.js';
import { GuardrailError } from '../guardrails/violation.js';
import { KUSTOMIZATION_FILE } from '../manifest/dist-layout.js';
import type { ManifestFile } from '../manifest/manifest.js';
import { renderYaml } from '../manifest/render-yaml.js';
import { isolationReport, REPORT_FILE } from '../report/isolation-report.js';
import { resolveTenants, synthesizeProfile } from './synthesize-profile.js';
import { toKustomization } from './to-kustomization.js';
import { type WriteResult, writeProfileDir } from './write-profile-dir.js';

/** Options of {@link synthesize}. */
export interface SynthesizeOptions {
  /** Path of the YAML or JSON platform config. */
  readonly configFile: string;
  /** Folder that receives one sub-folder per profile. */
  readonly outDir: string;
  /** @default - every profile the config declares */
  readonly profiles?: readonly string[];
  /** Per-tenant and per-profile construct hooks (`pnpm synth --extension <module>`). @default [] */
  readonly extensions?: readonly PlatformExtension[];
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
  const rendered: Array<{ profile: ProfileName; files: ManifestFile[]; iam: string | undefined }> = [];
  const violations = [];
  const extensions = options.extensions ?? [];
  for (const profile of profiles) {
    const tenants = resolveTenants(config, profile);
    const files = synthesizeProfile(config, profile, { extensions }, tenants);
    violations.push(...(await runGuardrails(files)).map((v) => ({ ...v, file: `${profile}/${v.file}` })));
    rendered.push({ profile, files, iam: renderIam(config, profile, tenants) });
  }
  if (violations.length > 0) throw new GuardrailError(violations);
  return rendered.map(({ profile, files, iam }) => {
    const dir = join(options.outDir, profile);
    const contents = new Map(files.map((f) => [f.name, renderYaml(f)]));
    contents.set(KUSTOMIZATION_FILE, toKustomization(profile, config.platform.name, [...contents.keys()]));
    const result = writeProfileDir(dir, contents);
    writeFileSync(join(dir, REPORT_FILE), isolationReport(profile, files));
    writeOrRemove(join(dir, IAM_FILE), iam);
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
