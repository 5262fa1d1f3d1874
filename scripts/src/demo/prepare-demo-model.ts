import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRAIN_CONFIG, DEMO_MODEL_STORE, DEMO_SAMPLE, DEMO_TRAINING, runTraining } from '@mlops/model-trainer';
import {
  ARTIFACT_FILES,
  DEFAULT_PREPROCESS,
  FileStore,
  isSharedError,
  loadVersion,
  type ModelMetadata,
  readLatestVersion,
  type TensorFlowRuntime,
} from '@mlops/shared';

/** What the demo is about to serve, for its first lines of output. */
export interface DemoModel {
  readonly version: string;
  readonly origin: 'existing' | 'bundled' | 'trained';
  readonly metadata: ModelMetadata;
}

const MODEL = 'sentiment';

async function latest(store: FileStore): Promise<string | undefined> {
  return readLatestVersion(store, MODEL).catch((error: unknown) =>
    isSharedError(error, 'NOT_FOUND') ? undefined : Promise.reject(error),
  );
}

async function describe(store: FileStore, version: string, origin: DemoModel['origin']): Promise<DemoModel> {
  const raw = await store.read(`${MODEL}/${version}/${ARTIFACT_FILES.metadata}`);
  return { version, origin, metadata: JSON.parse(new TextDecoder().decode(raw)) as ModelMetadata };
}

/**
 * Makes sure `.models/` holds a servable model: the one already there; else the bundled demo model (copied,
 * then loaded once to prove this code base still reads it); else, or with `retrain`, a freshly trained one.
 */
export async function prepareDemoModel(
  storeDir: string,
  runtime: TensorFlowRuntime,
  log: (line: string) => void,
  training: { readonly retrain: boolean; readonly data?: string },
): Promise<DemoModel> {
  const store = new FileStore(storeDir);
  const existing = training.retrain ? undefined : await latest(store);
  if (existing) return describe(store, existing, 'existing');
  if (!training.retrain && !existsSync(join(storeDir, MODEL))) {
    cpSync(join(DEMO_MODEL_STORE, MODEL), join(storeDir, MODEL), { recursive: true });
    const bundled = await latest(store);
    if (bundled) {
      const usable = await loadVersion(store, MODEL, bundled).then(
        () => true,
        (error: unknown) => {
          log(`the bundled demo model does not load (${(error as Error).message}); training one instead`);
          return false;
        },
      );
      if (usable) return describe(store, bundled, 'bundled');
    }
  }
  const data = training.data ?? DEMO_SAMPLE;
  log(`training a model on ${data} into ${store.location} ...`);
  const outcome = await runTraining({
    dataFile: data,
    store,
    modelName: MODEL,
    config: { ...DEFAULT_TRAIN_CONFIG, embeddingDim: DEMO_TRAINING.embeddingDim, epochs: DEMO_TRAINING.epochs },
    preprocess: { ...DEFAULT_PREPROCESS, buckets: DEMO_TRAINING.buckets },
    maxBadShare: 0.01,
    runtime,
    log,
  });
  log(`published ${outcome.published.version} (validation accuracy ${outcome.validation.accuracy.toFixed(3)})`);
  return describe(store, outcome.published.version, 'trained');
}
