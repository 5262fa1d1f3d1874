import { type CliOption, type CliSpec, parseCliOrExit } from '@mlops/shared';
import { ConfigError } from '../config/index.js';
import { loadExtensions } from '../extensions/load-extensions.js';
import { GuardrailError } from '../guardrails/violation.js';
import { synthesize } from '../synth/synthesize.js';
import { DEFAULT_CONFIG, DEFAULT_OUT_DIR, REPO_ROOT, resolveUserPath } from './repo-paths.js';

const SYNTH_CLI = {
  command: 'pnpm synth',
  usage: '[--config <file>] [--out <dir>] [--profile <name>]... [--extension <module>]...',
  summary: `Turns the platform config into plain Kubernetes YAML, one folder per profile:
  dist/<profile>/00-namespaces.yaml, 50-tenant-<name>.yaml, ...
then apply it with: kubectl apply -f dist/<profile>/

Synth refuses a bad config (listing every problem, with its line in the file) and any output that breaks
Pod Security "restricted", lacks resource requests/limits or a tenant default-deny policy, or fails the
Kubernetes OpenAPI schema. Nothing is written then.`,
  options: {
    config: {
      type: 'string',
      placeholder: '<file>',
      description: 'YAML or JSON platform config',
      defaultText: 'platform.config.yaml at the repo root',
    },
    out: { type: 'string', placeholder: '<dir>', description: 'output folder', defaultText: 'dist/ at the repo root' },
    profile: {
      type: 'string',
      multiple: true,
      placeholder: '<name>',
      description: 'only this profile',
      defaultText: 'every profile in the config',
    },
    extension: {
      type: 'string',
      multiple: true,
      placeholder: '<module>',
      description: 'a .ts/.js module whose default export is a PlatformExtension (per-tenant/per-profile hooks)',
      defaultText: 'none',
    },
  },
  examples: [
    'pnpm synth',
    'pnpm synth --profile kind --out /tmp/dist',
    'pnpm synth --extension packages/infra-charts/examples/nightly-rescore.ts --out /tmp/dist',
  ],
} as const satisfies CliSpec<Record<string, CliOption>>;

async function main(argv: string[]): Promise<number> {
  // pnpm runs scripts in the package folder; INIT_CWD is where the user typed the command.
  const userCwd = process.env.INIT_CWD ?? REPO_ROOT;
  const { values } = parseCliOrExit(SYNTH_CLI, argv);
  const started = performance.now();
  const results = await synthesize({
    configFile: values.config ? resolveUserPath(values.config, userCwd) : DEFAULT_CONFIG,
    outDir: values.out ? resolveUserPath(values.out, userCwd) : DEFAULT_OUT_DIR,
    ...(values.profile ? { profiles: values.profile } : {}),
    extensions: await loadExtensions(values.extension ?? [], userCwd),
  });
  for (const r of results) {
    const changes = [
      `${r.added.length} added`,
      `${r.written.length} updated`,
      `${r.unchanged.length} unchanged`,
      `${r.removed.length} removed`,
    ].join(', ');
    console.log(`synth: ${r.profile}: ${r.objects} objects -> ${r.dir} (${changes})`);
    for (const name of r.added) console.log(`  added ${name} (new to git: git add ${r.dir}/${name})`);
    for (const name of r.removed) console.log(`  removed stale ${name}`);
    for (const name of r.foreign) console.log(`  left alone ${name}: not written by synth, not in the Kustomization`);
  }
  console.log(`synth: done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof GuardrailError) console.error(`synth: ${error.message}`);
    else
      console.error(
        `synth: ${error instanceof Error ? error.message : String(error)}\nRun "pnpm synth --help" for usage.`,
      );
    process.exit(1);
  },
);
