import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type RunningServer, runServer } from '@mlops/inference-api';
import { BUNDLED_SAMPLE, DEFAULT_TRAIN_CONFIG, runTraining } from '@mlops/model-trainer';
import { FileStore, loadTensorFlow } from '@mlops/shared';

/** Trains the bundled sample into a fresh folder store; returns the model URI to serve. */
export async function trainSampleModel(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'scripts-models-'));
  await runTraining({
    dataFile: BUNDLED_SAMPLE,
    store: new FileStore(dir),
    modelName: 'sentiment',
    config: DEFAULT_TRAIN_CONFIG,
    maxBadShare: 0.01,
    runtime: await loadTensorFlow(),
    log: () => {},
  });
  return `file://${dir}/sentiment`;
}

/** A real API server for `tenant` on a free-ish loopback port, ready (model loaded) when this resolves. */
export async function startTenantApi(tenant: string, modelUri: string): Promise<RunningServer> {
  const port = 21000 + Math.floor(Math.random() * 4000);
  const config = loadConfig({ TENANT: tenant, MODEL_URI: modelUri, PORT: String(port), LOG_LEVEL: 'silent' });
  const server = await runServer(config, await loadTensorFlow());
  for (let i = 0; i < 100 && (await fetch(`${server.url}/ready`)).status !== 200; i++)
    await new Promise((r) => setTimeout(r, 100));
  return server;
}
