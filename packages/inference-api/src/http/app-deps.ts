import type { Logger } from 'pino';
import type { ApiConfig } from '../config/load-config.js';
import type { ApiMetrics } from '../metrics/create-metrics.js';
import type { ModelHolder } from '../model/model-holder.js';
import type { ScoringQueue } from '../model/scoring-queue.js';

/** Whether the service is draining for shutdown; set by the server entry on SIGTERM. */
export interface Lifecycle {
  shuttingDown: boolean;
}

/** Everything the app factory needs, passed in: the app creates no globals and never listens. */
export interface AppDeps {
  readonly config: ApiConfig;
  readonly models: ModelHolder;
  readonly queue: ScoringQueue;
  readonly metrics: ApiMetrics;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
}
