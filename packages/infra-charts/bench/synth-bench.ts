/**
 * pnpm bench:synth [runs] — for generated configs of 10, 100 and 1000 tenants (bench/generate-config.ts): synth
 * seconds per profile (median of `runs`, end to end: validation, constructs, guardrails, YAML, files), verify seconds
 * (reading dist/ and every check), verify's default output lines, the size of each platform file, alert/recording
 * rules, dashboard panels/targets, scrape jobs and the largest object: one `key=value` line per size and profile.
 * Then the hand-written YAML emitter against the `yaml` package's stringify on the 1000-tenant objects.
 * Output goes to a tmpfs when there is one: this measures the synthesizer, not the disk.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliOption, type CliSpec, parseCliOrExit } from '@mlops/shared';
import { DEFAULT_CONFIG } from '../src/cli/repo-paths.js';
import { GuardrailError } from '../src/guardrails/violation.js';
import { isolationReport } from '../src/report/isolation-report.js';
import { synthesize } from '../src/synth/synthesize.js';
import { formatText } from '../src/verify/format-checks.js';
import { readProfileDir } from '../src/verify/read-profile-dir.js';
import { verifyProfile } from '../src/verify/verify-profile.js';
import { compareEmitters } from './compare-emitters.js';
import { writeGeneratedConfig } from './generate-config.js';
import { measureDist } from './measure-dist.js';
import { renderProfile } from './render-profile.js';

const SIZES = [10, 100, 1000];
const PROFILES = ['kind', 'eks'] as const;
const SYNTH_BENCH_CLI = {
  command: 'pnpm bench:synth',
  usage: '[runs]',
  summary: `Synthesizes and verifies generated configs of ${SIZES.join(', ')} tenants per profile and prints one line each:
synth and verify seconds, verify output lines, file sizes, rule/target/scrape counts, the largest object.`,
  positionals: [{ name: '[runs]', description: 'synth runs per size and profile; the median is printed (default: 3)' }],
  options: {},
  examples: ['pnpm bench:synth', 'pnpm bench:synth 5'],
} as const satisfies CliSpec<Record<string, CliOption>>;
const RUNS_ARG = parseCliOrExit(SYNTH_BENCH_CLI, process.argv.slice(2)).positionals[0];
const RUNS = Number(RUNS_ARG ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`bench:synth: [runs] ${JSON.stringify(RUNS_ARG)} must be a whole number >= 1`);
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function timeSynth(
  configFile: string,
  outDir: string,
  profile: string,
): Promise<{ seconds: number; status: string }> {
  const times: number[] = [];
  let status = 'ok';
  for (let run = 0; run < RUNS; run++) {
    rmSync(outDir, { recursive: true, force: true });
    const start = performance.now();
    try {
      await synthesize({ configFile, outDir, profiles: [profile] });
    } catch (error) {
      if (!(error instanceof GuardrailError)) throw error;
      const rules = [...new Set(error.violations.map((v) => `${v.rule}:${v.object.replace(' ', '/')}`))];
      status = `refused(${rules.join(',')})`;
    }
    times.push((performance.now() - start) / 1000);
  }
  return { seconds: median(times), status };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'synth-bench-'));
  try {
    console.log(
      `# synth benchmark: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, median of ${RUNS} synth runs, output under ${work}`,
    );
    await synthesize({ configFile: DEFAULT_CONFIG, outDir: join(work, 'warmup') });
    for (const n of SIZES) {
      const configFile = writeGeneratedConfig(work, n);
      for (const profile of PROFILES) {
        process.stderr.write(`bench: ${n} tenants, ${profile}…\n`);
        const outDir = join(work, `out-${n}`);
        const synth = await timeSynth(configFile, outDir, profile);
        // A refused synth wrote nothing: render the same objects without the guardrails to measure the rest.
        const { files, rendered } = renderProfile(configFile, join(outDir, profile), profile);
        const start = performance.now();
        const verified = readProfileDir(join(outDir, profile));
        const result = await verifyProfile(profile, verified);
        // verify renders REPORT.md to compare it with the file on disk: part of the verify time.
        const report = isolationReport(profile, verified, result.analysis, result.shapes);
        const verifySeconds = (performance.now() - start) / 1000;
        const lines = formatText(
          [{ profile, checks: result.checks, tenants: n, exceptions: result.shapes.exceptions.map((e) => e.tenant) }],
          false,
        ).length;
        const f = measureDist(files, rendered);
        const sizes = Object.entries(f.fileBytes)
          .map(([name, bytes]) => `${name}:${bytes}`)
          .join(',');
        console.log(
          `tenants=${n} profile=${profile} synth_s=${synth.seconds.toFixed(3)} status=${synth.status} verify_s=${verifySeconds.toFixed(3)} verify_lines=${lines} verify_failed=${result.checks.filter((c) => !c.ok).length} report_lines=${report.split('\n').length} alert_rules=${f.alertRules} recording_rules=${f.recordingRules} dashboard_panels=${f.dashboardPanels} dashboard_targets=${f.dashboardTargets} scrape_configs=${f.scrapeConfigs} largest=${f.largest.object}:${f.largest.bytes} files=${sizes}`,
        );
        if (n === SIZES[SIZES.length - 1] && profile === 'kind')
          for (const line of compareEmitters(files)) console.log(line);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:synth: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
