/**
 * pnpm bench:synth [runs] — synthesizes generated configs of 10, 100 and 1000 tenants end to end (config
 * validation, constructs, guardrails, YAML, files) and prints `tenants=<n> seconds=<s>`, the median of
 * several runs, for one profile (kind) and then for every profile. Output goes to a tmpfs when there is one:
 * this measures the synthesizer, not the disk (ext4 with `discard` makes create-after-delete slow here).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../src/cli/repo-paths.js';
import { synthesize } from '../src/synth/synthesize.js';

const SIZES = [10, 100, 1000];
const RUNS = Number(process.argv[2] ?? 5);

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
