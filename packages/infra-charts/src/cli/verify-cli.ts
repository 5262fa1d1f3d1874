import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliOption, type CliSpec, parseCliOrExit } from '@mlops/shared';
import { REPORT_FILE } from '../synth/synthesize.js';
import { diffIsolation, manifestsAtRef } from '../verify/diff-isolation.js';
import { readProfileDir } from '../verify/read-profile-dir.js';
import { verifyProfile } from '../verify/verify-profile.js';
import { DEFAULT_OUT_DIR, REPO_ROOT, resolveUserPath } from './repo-paths.js';

const VERIFY_CLI = {
  command: 'pnpm verify',
  usage: '[--dist <dir>] [--profile <name>]... [--diff <git-ref>]',
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
  },
  examples: ['pnpm verify', 'pnpm verify --profile kind --diff origin/main'],
} as const satisfies CliSpec<Record<string, CliOption>>;

async function main(argv: string[]): Promise<number> {
  const { values } = parseCliOrExit(VERIFY_CLI, argv);
  const dist = values.dist ? resolveUserPath(values.dist, process.env.INIT_CWD ?? REPO_ROOT) : DEFAULT_OUT_DIR;
  const profiles = values.profile ?? ['kind', 'eks'].filter((p) => existsSync(join(dist, p)));
  let failed = 0;
  for (const profile of profiles) {
    const dir = join(dist, profile);
    if (!existsSync(dir)) throw new Error(`${dir} does not exist; run pnpm synth first or pass --dist`);
    const result = await verifyProfile(profile, readProfileDir(dir));
    const reportPath = join(dir, REPORT_FILE);
    const onDisk = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
    const checks = [
      ...result.checks,
      {
        name: `${REPORT_FILE} is up to date`,
        ok: onDisk === result.report,
        ...(onDisk === result.report ? {} : { detail: `run pnpm synth to regenerate ${reportPath}` }),
      },
    ];
    if (values.diff) {
      const changes = diffIsolation(
        manifestsAtRef(REPO_ROOT, values.diff, profile),
        readProfileDir(dir).flatMap((f) => f.documents),
      );
      console.log(
        `${profile}: isolation changes since ${values.diff}: ${changes.length === 0 ? 'none' : `\n  ${changes.join('\n  ')}`}`,
      );
    }
    for (const c of checks) {
      if (!c.ok) failed++;
      console.log(
        `${c.ok ? 'ok  ' : 'FAIL'} ${profile}: ${c.name}${c.ok || !c.detail ? '' : `\n     ${c.detail.replace(/\n/g, '\n     ')}`}`,
      );
    }
  }
  console.log(failed === 0 ? 'verify: every check passed' : `verify: ${failed} check${failed === 1 ? '' : 's'} failed`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
