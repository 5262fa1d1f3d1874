import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliOption, type CliSpec, parseCliOrExit } from '@mlops/shared';
import { readProfileAtRef } from '../plan/read-dist-at-ref.js';
import { isolationReport, REPORT_FILE } from '../report/isolation-report.js';
import { diffIsolation } from '../verify/diff-isolation.js';
import { formatJson, formatText, type ProfileOutcome } from '../verify/format-checks.js';
import { DistDirError, listProfileDirs, readProfileDir } from '../verify/read-profile-dir.js';
import { verifyProfile } from '../verify/verify-profile.js';
import { DEFAULT_OUT_DIR, REPO_ROOT, resolveUserPath } from './repo-paths.js';

const VERIFY_CLI = {
  command: 'pnpm verify',
  usage: '[--dist <dir>] [--profile <name>]... [--diff <git-ref>] [--verbose] [--format text|json]',
  summary: `Proves the isolation guarantees from the YAML files in dist/<profile>/ (no cluster needed):
schema and Pod Security "restricted", what an API server would reject, NetworkPolicy reachability
(tenant -> tenant blocked, DNS and MinIO allowed, internet blocked, ...), and RBAC (what each
ServiceAccount can do). Fails when a check fails or dist/<profile>/REPORT.md is stale.`,
  options: {
    dist: {
      type: 'string',
      placeholder: '<dir>',
      description: 'folder with one sub-folder per profile',
      defaultText: 'dist/ at the repo root',
    },
    profile: {
      type: 'string',
      multiple: true,
      placeholder: '<name>',
      description: 'only this profile',
      defaultText: 'every folder in --dist',
    },
    diff: {
      type: 'string',
      placeholder: '<git-ref>',
      description: 'also list the connectivity and RBAC changes between dist/ at that ref and now',
    },
    verbose: {
      type: 'boolean',
      short: 'v',
      description: 'print every check (default: one line per guarantee, covering all tenants, then failures)',
    },
    format: {
      type: 'string',
      placeholder: '<f>',
      description: 'text or json (every check, machine-readable, on stdout)',
      defaultText: 'text',
    },
  },
  examples: ['pnpm verify', 'pnpm verify --profile kind --diff origin/main', 'pnpm verify --format json'],
} as const satisfies CliSpec<Record<string, CliOption>>;

async function main(argv: string[]): Promise<number> {
  const { values } = parseCliOrExit(VERIFY_CLI, argv);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new Error(`--format "${format}" is not supported; allowed: text, json`);
  const dist = values.dist ? resolveUserPath(values.dist, process.env.INIT_CWD ?? REPO_ROOT) : DEFAULT_OUT_DIR;
  const profiles = listProfileDirs(dist, values.profile);
  const outcomes: ProfileOutcome[] = [];
  for (const profile of profiles) {
    const dir = join(dist, profile);
    const files = readProfileDir(dir, profile);
    const result = await verifyProfile(profile, files);
    const reportPath = join(dir, REPORT_FILE);
    const onDisk = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
    const report = isolationReport(profile, files, result.analysis, result.shapes);
    const checks = [
      ...result.checks,
      {
        name: `${REPORT_FILE} is up to date`,
        ok: onDisk === report,
        ...(onDisk === report ? {} : { detail: `run pnpm synth to regenerate ${reportPath}` }),
      },
    ];
    const changes = values.diff
      ? diffIsolation(
          (readProfileAtRef(REPO_ROOT, values.diff, profile) ?? []).flatMap((f) => f.documents),
          result.analysis,
        )
      : undefined;
    outcomes.push({
      profile,
      checks,
      tenants: result.shapes.tenants.length,
      exceptions: result.shapes.exceptions.map((e) => e.tenant),
      ...(changes ? { changes, diffRef: values.diff } : {}),
    });
  }
  console.log(format === 'json' ? formatJson(outcomes) : formatText(outcomes, values.verbose === true).join('\n'));
  const failed = outcomes.some((o) => o.checks.some((c) => !c.ok));
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify: ${error instanceof Error ? error.message : String(error)}`);
    // A missing, empty or foreign dist folder is a usage error: exit 2, never "every check passed".
    process.exit(error instanceof DistDirError ? 2 : 1);
  },
);
