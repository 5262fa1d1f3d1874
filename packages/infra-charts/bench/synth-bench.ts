/**
 * pnpm bench:synth [runs] — synthesizes generated configs of 10, 100 and 1000 tenants end to end (config
 * validation, constructs, guardrails, YAML, files) and prints `tenants=<n> seconds=<s>`, the median of
 * several runs, for one profile (kind) and then for every profile. Output goes to a tmpfs when there is one:
 * this measures the synthesizer, not the disk (ext4 with `discard` makes create-after-delete slow here).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliOption, type CliSpec, parseCliOrExit } from '@mlops/shared';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../src/cli/repo-paths.js';
import { synthesize } from '../src/synth/synthesize.js';

const SIZES = [10, 100, 1000];
const SYNTH_BENCH_CLI = {
  command: 'pnpm bench:synth',
  usage: '[runs]',
  summary: `Synthesizes generated configs of ${SIZES.join(', ')} tenants end to end (config validation, constructs,
guardrails, YAML, files) and prints tenants=<n> seconds=<s>, the median of [runs] runs, for one profile (kind)
and then for every profile. Output goes to a tmpfs when there is one.`,
  positionals: [{ name: '[runs]', description: 'runs per size, the median is printed (default: 5)' }],
  options: {},
  examples: ['pnpm bench:synth', 'pnpm bench:synth 3'],
} as const satisfies CliSpec<Record<string, CliOption>>;
const RUNS = Number(parseCliOrExit(SYNTH_BENCH_CLI, process.argv.slice(2)).positionals[0] ?? 5);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`bench:synth: [runs] ${JSON.stringify(process.argv[2])} must be a whole number >= 1`);
  process.exit(2);
}

/** A config with n tenants, built from the default config's profiles. */
function generateConfig(n: number): unknown {
  const base = parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as { tenants: unknown[] };
  const tenants = Array.from({ length: n }, (_, i) => ({
    name: `tenant-${String(i).padStart(4, '0')}`,
    replicas: { min: 2, max: 10 },
  }));
  return { ...base, tenants };
}

async function measure(work: string, label: string, profiles?: string[]): Promise<void> {
  const medians = new Map<number, number>();
  console.log(`# ${label}`);
  for (const n of SIZES) {
    const configFile = join(work, `config-${n}.json`);
    writeFileSync(configFile, JSON.stringify(generateConfig(n)));
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const outDir = join(work, `out-${n}-${run}`);
      const start = performance.now();
      await synthesize({ configFile, outDir, ...(profiles ? { profiles } : {}) });
      times.push((performance.now() - start) / 1000);
      rmSync(outDir, { recursive: true, force: true });
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
    medians.set(n, median);
    console.log(`tenants=${n} seconds=${median.toFixed(3)}`);
  }
  const ratio = (medians.get(1000) ?? 0) / (medians.get(100) ?? 1);
  console.log(`ratio time(1000)/time(100)=${ratio.toFixed(1)} (linear: ~10; target <= 12)`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'synth-bench-'));
  try {
    console.log(`synth benchmark: median of ${RUNS} runs, output under ${work}`);
    await synthesize({ configFile: DEFAULT_CONFIG, outDir: join(work, 'warmup') });
    await measure(work, 'one profile (kind): target 1000 tenants <= 1.5 s', ['kind']);
    await measure(work, 'every profile (kind + eks)');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
