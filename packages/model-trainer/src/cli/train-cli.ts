#!/usr/bin/env node
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliUsageError, formatHelp, isSharedError, loadTensorFlow, openStore } from '@mlops/shared';
import { S3_ENV } from '@mlops/shared/contract';
import { fetchData } from '../data/fetch-data.js';
import { TrainerError } from '../errors.js';
import { runTraining } from '../run-training.js';
import { formatBar, formatEpoch, formatMetrics } from './format-report.js';
import { parseTrainArgs } from './parse-train-args.js';
import { TRAIN_CLI } from './train-help.js';

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REPO_ROOT = resolve(PACKAGE_ROOT, '../..');

/** The `pnpm train` entry point: the only place the trainer reads the environment. */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  // pnpm runs scripts in the package folder; INIT_CWD is where the user typed the command.
  const cwd = env.INIT_CWD ?? process.cwd();
  const args = parseTrainArgs(argv, {
    data: resolve(PACKAGE_ROOT, 'data/sample.tsv'),
    out: `file://${resolve(REPO_ROOT, '.models')}`,
  });
  if (args.help) {
    console.log(formatHelp(TRAIN_CLI));
    return 0;
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const out =
    args.out.startsWith('file://') && !args.out.startsWith('file:///') ? `file://${abs(args.out.slice(7))}` : args.out;
  const s3 = {
    ...(env[S3_ENV.endpoint] ? { endpoint: env[S3_ENV.endpoint] } : {}),
    ...(env[S3_ENV.region] ? { region: env[S3_ENV.region] } : {}),
  };
  const store = openStore(out, s3);
  const runtime = await loadTensorFlow();
  const log = (line: string) => console.log(`train: ${line}`);
  log(
    `TensorFlow.js ${runtime.tf.version_core}, backend ${runtime.backend}${runtime.fallbackReason ? ` (${runtime.fallbackReason})` : ''}`,
  );
  const tty = process.stdout.isTTY === true;
  const outcome = await runTraining({
    dataFile: await fetchData(args.data.startsWith('s3://') ? args.data : abs(args.data), s3),
    ...(args.eval ? { evalFile: await fetchData(args.eval.startsWith('s3://') ? args.eval : abs(args.eval), s3) } : {}),
    store,
    modelName: args.modelName,
    config: args.config,
    preprocess: args.preprocess,
    maxBadShare: args.maxBadShare,
    runtime,
    log,
    onEpoch: (r) => {
      if (tty) process.stdout.write('\r\x1b[K');
      log(formatEpoch(r));
    },
    ...(tty
      ? {
          onBatch: (done: number, total: number, loss: number) =>
            process.stdout.write(`\r\x1b[K${formatBar(done, total, loss)}`),
        }
      : {}),
  });
  console.log(formatMetrics('validation', outcome.validation));
  if (outcome.eval) console.log(formatMetrics(`eval ${args.eval}`, outcome.eval));
  log(`trained on ${outcome.examples} rows in ${outcome.trainSeconds.toFixed(1)} s`);
  log(`published ${outcome.published.version} to ${outcome.published.location}`);
  return 0;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliUsageError) {
      console.error(error.message);
      process.exit(2);
    }
    const known = error instanceof TrainerError || isSharedError(error);
    console.error(`train: error: ${error instanceof Error ? error.message : String(error)}`);
    if (!known) console.error(error);
    process.exit(error instanceof TrainerError && error.code === 'BAD_ARGUMENT' ? 2 : 1);
  },
);
