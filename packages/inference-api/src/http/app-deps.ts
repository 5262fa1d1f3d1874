import type { Logger } from 'pino';
import type { ApiConfig } from '../config/load-config.js';
import type { ApiMetrics } from '../metrics/create-metrics.js';
import type { ModelHolder } from '../model/model-holder.js';
import type { ScoringQueue } from '../model/scoring-queue.js';
import type { Predictor } from '../predict/predictor.js';
import type { Lifecycle } from './lifecycle.js';

/** Everything the app factory needs, passed in: the app creates no globals and never listens. */
export interface AppDeps {
  readonly config: ApiConfig;
  readonly models: ModelHolder;
  readonly queue: ScoringQueue;
  readonly predictor: Predictor;
  readonly metrics: ApiMetrics;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
}
