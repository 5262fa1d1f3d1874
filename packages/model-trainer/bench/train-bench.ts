/**
 * pnpm bench:train [sst2-dir] — trains on GLUE SST-2 train (67,349 rows), scores SST-2 dev (872 rows) and
 * prints dev accuracy, wall time and peak RSS. Targets: accuracy >= 0.83, <= 120 s, peak RSS <= 1.5 GB.
 * The data is read from ../shared/data/sst2 beside the repository (never copied into it).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliOption, type CliSpec, FileStore, loadTensorFlow, parseCliOrExit } from '@mlops/shared';
import { formatEpoch, formatMetrics } from '../src/cli/format-report.js';
import { runTraining } from '../src/run-training.js';
import { DEFAULT_TRAIN_CONFIG } from '../src/train/train-config.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TRAIN_BENCH_CLI = {
  command: 'pnpm bench:train',
  usage: '[sst2-dir] [seeds]',
  summary: `Trains on GLUE SST-2 train (67,349 rows), scores SST-2 dev (872 rows) and prints dev accuracy, wall time
and peak RSS. Targets: accuracy >= 0.83, <= 120 s, peak RSS <= 1.5 GB. The data is read from beside the
repository (never copied into it).`,
  positionals: [
    {
      name: '[sst2-dir]',
      description: 'folder with train.tsv and dev.tsv (default: ../shared/data/sst2 beside the repo)',
    },
    { name: '[seeds]', description: `comma-separated seeds, one run each (default: ${DEFAULT_TRAIN_CONFIG.seed})` },
  ],
  options: {},
  examples: ['pnpm bench:train', 'pnpm bench:train /data/sst2 1,2,3'],
} as const satisfies CliSpec<Record<string, CliOption>>;
const [dirArg, seedsArg] = parseCliOrExit(TRAIN_BENCH_CLI, process.argv.slice(2)).positionals;
const dir = resolve(dirArg ?? join(REPO, '../shared/data/sst2'));
const seeds = (seedsArg ?? String(DEFAULT_TRAIN_CONFIG.seed)).split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s) || s < 0)) {
  console.error(`bench:train: [seeds] ${JSON.stringify(seedsArg)} must be comma-separated whole numbers, e.g. 1,2,3`);
  process.exit(2);
}

async function main(): Promise<void> {
  if (!existsSync(join(dir, 'train.tsv')))
    throw new Error(`SST-2 not found at ${dir} (no train.tsv); pass its folder: pnpm bench:train <dir>`);
  const runtime = await loadTensorFlow();
  console.log(
    `train benchmark: SST-2 at ${dir}, TensorFlow.js ${runtime.tf.version_core} backend ${runtime.backend}, seeds ${seeds.join(',')}`,
  );
  for (const seed of seeds) {
    const out = mkdtempSync(join(tmpdir(), 'train-bench-'));
    const started = performance.now();
    const outcome = await runTraining({
      dataFile: join(dir, 'train.tsv'),
      evalFile: join(dir, 'dev.tsv'),
      store: new FileStore(out),
      modelName: 'sentiment',
      config: { ...DEFAULT_TRAIN_CONFIG, seed },
      maxBadShare: 0.01,
      runtime,
      log: (line) => console.log(`  ${line}`),
      onEpoch: (r) => console.log(`  ${formatEpoch(r)}`),
    });
    const wall = (performance.now() - started) / 1000;
    if (outcome.eval) console.log(formatMetrics('SST-2 dev', outcome.eval));
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.log(
      `seed=${seed} dev_accuracy=${outcome.eval?.accuracy.toFixed(4)} train_seconds=${outcome.trainSeconds.toFixed(1)} wall_seconds=${wall.toFixed(1)} peak_rss_mb=${peakMb.toFixed(0)}`,
    );
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:train: ${(error as Error).message}`);
  process.exit(1);
});
