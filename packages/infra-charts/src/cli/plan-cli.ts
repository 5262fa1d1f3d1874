import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { planProfile } from '../plan/plan-profile.js';
import { readProfileAtRef } from '../plan/read-dist-at-ref.js';
import { renderHuman, renderMarkdown } from '../plan/render-plan.js';
import { DistDirError, listProfileDirs, readProfileDir } from '../verify/read-profile-dir.js';
import { DEFAULT_OUT_DIR, REPO_ROOT, resolveUserPath } from './repo-paths.js';

const HELP = `Usage: pnpm plan [--base <git-ref> | --from <dir>] [--dist <dir>] [--profile <name>]... [--format human|json|markdown]

Says, offline, what applying dist/<profile>/ to a cluster running an earlier dist/ state will do, per object:
  + create              a new object
  ~ update in place     a patch that restarts nothing
  ↻ update, rolls pods  the pod template changes (which workload, which tenant, and why: the ConfigMap keys,
                        image or fields that changed)
  ! REPLACE needed      an immutable field changed (Job template/selector, workload selector, Service clusterIP,
                        PVC spec, RoleBinding roleRef, immutable ConfigMap/Secret): kubectl apply would fail
  - delete              gone from dist/: needs kubectl apply --prune (or goes with its Namespace)
plus the files added/changed/removed and the connectivity and RBAC changes (as pnpm verify --diff).

  --base <git-ref>  the earlier state: dist/ committed at this ref (default: HEAD)
  --from <dir>      the earlier state: a dist folder on disk instead (one sub-folder per profile)
  --dist <dir>      the new state (default: dist/ at the repo root, as pnpm synth wrote it)
  --profile <name>  only this profile (repeatable; default: every profile in --dist)
  --format <f>      human (default), json, or markdown (for a pull-request comment)
  -h, --help        show this help

Exit code: 0 when kubectl apply can do the whole plan, 1 when it cannot (a replace is needed), 2 for bad input
(unknown option, missing or foreign dist folder, unknown git ref, invalid YAML). Nothing is ever written.`;

const FORMATS = ['human', 'json', 'markdown'] as const;

async function main(argv: string[]): Promise<number> {
  const userCwd = process.env.INIT_CWD ?? REPO_ROOT;
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      base: { type: 'string' },
      from: { type: 'string' },
      dist: { type: 'string' },
      profile: { type: 'string', multiple: true },
      format: { type: 'string', default: 'human' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new UsageError(`--format "${values.format}" is not one of ${FORMATS.join(', ')}`);
  if (values.base && values.from) throw new UsageError('pass either --base <git-ref> or --from <dir>, not both');
  const dist = values.dist ? resolveUserPath(values.dist, userCwd) : DEFAULT_OUT_DIR;
  const from = values.from ? resolveUserPath(values.from, userCwd) : undefined;
  const base = values.base ?? 'HEAD';
  const profiles = listProfileDirs(dist, values.profile);
  if (from) listProfileDirs(from);
  const label = from ?? `dist/ at ${base}`;
  const plans = profiles.map((profile) => {
    const after = readProfileDir(join(dist, profile), profile);
    const before = from
      ? readProfileDir(join(from, profile), profile)
      : (readProfileAtRef(REPO_ROOT, base, profile) ?? []);
    return planProfile(profile, before, after);
  });
  const target = values.dist ?? 'dist/';
  if (format === 'json') console.log(JSON.stringify({ from: label, to: target, profiles: plans }, null, 2));
  else
    console.log(
      plans
        .map((p) => (format === 'markdown' ? renderMarkdown(p, label, target) : renderHuman(p, label, target)))
        .join('\n\n'),
    );
  return plans.every((p) => p.appliable) ? 0 : 1;
}

/** A bad option value; exits 2 like the other usage errors. */
class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage =
      error instanceof DistDirError ||
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(
      `plan: ${error instanceof Error ? error.message : String(error)}${usage ? '\nRun "pnpm plan --help" for usage.' : ''}`,
    );
    process.exit(usage ? 2 : 1);
  },
);
