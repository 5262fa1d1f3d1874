import type { Logger } from 'pino';
import type { ApiConfig } from '../config/load-config.js';
import type { ApiMetrics } from '../metrics/create-metrics.js';
import type { MicroBatcher } from '../model/micro-batcher.js';
import type { ModelHolder } from '../model/model-holder.js';

/** Whether the service is draining for shutdown; set by the server entry on SIGTERM. */
export interface Lifecycle {
  shuttingDown: boolean;
}

/** Everything the app factory needs, passed in: the app creates no globals and never listens. */
export interface AppDeps {
  readonly config: ApiConfig;
  readonly models: ModelHolder;
  readonly batcher: MicroBatcher;
  readonly metrics: ApiMetrics;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
}
