import { openStore, type ScoringRuntime } from '@mlops/shared';
import pino, { type Logger } from 'pino';
import type { ApiConfig } from './config/load-config.js';
import type { AppDeps } from './http/app-deps.js';
import { createApp } from './http/create-app.js';
import { Lifecycle } from './http/lifecycle.js';
import { createMetrics } from './metrics/create-metrics.js';
import { countingStore } from './model/counting-store.js';
import { ModelHolder } from './model/model-holder.js';
import { ScoringQueue } from './model/scoring-queue.js';
import { Predictor } from './predict/predictor.js';

/** A wired service: the app plus the parts the server entry and tests drive. */
export interface Service extends AppDeps {
  readonly app: ReturnType<typeof createApp>;
}

/** Wires config, metrics, model holder, scoring queue, predictor and app; starts nothing (call models.start()). */
export function createService(config: ApiConfig, runtime: ScoringRuntime, logger?: Logger): Service {
  const log = logger ?? pino({ level: config.logLevel, base: { service: 'inference-api', tenant: config.tenant } });
  const metrics = createMetrics(config.tenant, runtime);
  const store = countingStore(
    openStore(config.storeUri, {
      ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}),
      region: config.s3Region,
    }),
    metrics,
  );
  const models = new ModelHolder({
    store,
    modelName: config.modelName,
    ...(config.modelVersion ? { pinnedVersion: config.modelVersion } : {}),
    backend: runtime.backend,
    metrics,
    logger: log,
  });
  const lifecycle = new Lifecycle();
  const queue = new ScoringQueue(models, metrics, {
    maxBatchSize: config.microBatchMaxSize,
    maxWaitMs: config.microBatchMaxWaitMs,
    maxQueuedTexts: config.maxQueuedTexts,
    maxQueuedBatches: config.maxQueuedBatches,
    maxQueueWaitMs: config.maxQueueWaitMs,
  });
  const predictor = new Predictor({ config, queue, metrics, logger: log });
  const deps: AppDeps = { config, models, queue, predictor, metrics, logger: log, lifecycle };
  return { ...deps, app: createApp(deps) };
}
