#!/usr/bin/env node
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, exitOnSignals, loadConfig, runServer } from '@mlops/inference-api';
import { BUNDLED_SAMPLE, DEFAULT_TRAIN_CONFIG, runTraining } from '@mlops/model-trainer';
import { FileStore, isSharedError, loadTensorFlow, readLatestVersion } from '@mlops/shared';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const HELP = `Usage: pnpm start [--data <file>] [--port <n>] [--retrain]

The local demo on embedded defaults: if the model store .models/ at the repo root holds no model,
train one on the bundled sample (or --data), then serve tenant "local" on :8000.

  --data <file>   training data when a model must be trained (default: the bundled sample)
  --port <n>      port to listen on (default 8000, or PORT)
  --retrain       train a new version even if one exists
  -h, --help      show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      retrain: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const storeDir = resolve(REPO, '.models');
  const store = new FileStore(storeDir);
  const runtime = await loadTensorFlow();
  const hasModel = await readLatestVersion(store, 'sentiment').then(
    () => true,
    (error: unknown) => (isSharedError(error, 'NOT_FOUND') ? false : Promise.reject(error)),
  );
  if (!hasModel || values.retrain) {
    const data = values.data ? (isAbsolute(values.data) ? values.data : resolve(cwd, values.data)) : BUNDLED_SAMPLE;
    console.log(`demo: training a model on ${data} into ${store.location} ...`);
    const outcome = await runTraining({
      dataFile: data,
      store,
      modelName: 'sentiment',
      config: DEFAULT_TRAIN_CONFIG,
      maxBadShare: 0.01,
      runtime,
      log: (line) => console.log(`demo: ${line}`),
    });
    console.log(
      `demo: published ${outcome.published.version} (validation accuracy ${outcome.validation.accuracy.toFixed(3)})`,
    );
  }
  const config = loadConfig({
    ...process.env,
    TENANT: process.env.TENANT ?? 'local',
    MODEL_URI: `file://${storeDir}/sentiment`,
    PORT: values.port ?? process.env.PORT,
  });
  const running = await runServer(config, runtime);
  exitOnSignals(running);
  console.log(`demo: serving tenant "${config.tenant}" at ${running.url} (Ctrl+C to stop). Try:
  curl -s -X POST ${running.url}/predict -H 'Content-Type: application/json' -d '{"text": "A wonderful, moving film."}'`);
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
