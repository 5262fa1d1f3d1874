import { type LoadedModel, loadVersion, type ModelStore, readLatestVersion, SentimentScorer } from '@mlops/shared';
import type { Logger } from 'pino';
import type { ApiMetrics } from '../metrics/create-metrics.js';

/** The model being served: its version, scorer and preprocessing. Immutable; a reload makes a new one. */
export interface ServedModel {
  readonly version: string;
  readonly scorer: SentimentScorer;
  readonly loaded: LoadedModel;
  readonly backend: string;
}

/** Dependencies and settings of {@link ModelHolder}. */
export interface ModelHolderOptions {
  readonly store: ModelStore;
  readonly modelName: string;
  /** @default - follow LATEST */
  readonly pinnedVersion?: string;
  readonly backend: string;
  readonly metrics: ApiMetrics;
  readonly logger: Logger;
  /** First retry delay while no model could be loaded; doubles up to maxRetryDelayMs. @default 500 */
  readonly retryDelayMs?: number;
  /** @default 30000 */
  readonly maxRetryDelayMs?: number;
}

/**
 * Owns the served model: loads it at start with retry and backoff (the service is not ready meanwhile),
 * polls LATEST and swaps a new version in atomically. Requests take `current` once and keep using it;
 * a rejected new version (corrupt, incompatible) is logged and counted while the old one keeps serving.
 */
export class ModelHolder {
  private served: ServedModel | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: ModelHolderOptions) {}

  /** The model to use for a request, or undefined while none is loaded. */
  get current(): ServedModel | undefined {
    return this.served;
  }

  /** Why no model is loaded (for /ready), if one is not. */
  get notReadyReason(): string | undefined {
    return this.served ? undefined : `model not loaded${this.lastError ? `: ${this.lastError}` : ' yet'}`;
  }

  /** Loads the first model, retrying with backoff until it succeeds or {@link stop} is called. */
  async start(): Promise<void> {
    let delay = this.options.retryDelayMs ?? 500;
    while (!this.stopped && !this.served) {
      try {
        await this.loadAndSwap(this.options.pinnedVersion);
      } catch {
        this.options.logger.warn({ retryInMs: delay }, 'model not loaded; retrying');
        await sleep(delay);
        delay = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 30_000);
      }
    }
  }

  /** Checks LATEST every `seconds` and loads a new version when it moves (no-op for pinned versions). */
  startPolling(seconds: number): void {
    if (seconds <= 0 || this.options.pinnedVersion) return;
    const tick = async () => {
      await this.checkForNewVersion().catch(() => {});
      if (!this.stopped) this.timer = setTimeout(tick, seconds * 1000).unref();
    };
    this.timer = setTimeout(tick, seconds * 1000).unref();
  }

  /** One poll: loads LATEST if it differs from the served version. Returns the served version afterwards. */
  async checkForNewVersion(): Promise<string | undefined> {
    const { store, modelName, logger, metrics } = this.options;
    let latest: string;
    try {
      latest = await readLatestVersion(store, modelName);
    } catch (error) {
      logger.warn({ err: error }, 'cannot read LATEST; keeping the served model');
      return this.served?.version;
    }
    if (latest === this.served?.version) return latest;
    try {
      await this.loadAndSwap(latest);
    } catch {
      metrics.modelReloads.inc({ result: 'failure' });
      return this.served?.version;
    }
    return this.served?.version;
  }

  private async loadAndSwap(version: string | undefined): Promise<void> {
    const { store, modelName, logger, metrics, backend } = this.options;
    const started = performance.now();
    try {
      const loaded = await loadVersion(store, modelName, version);
      const next: ServedModel = {
        version: loaded.version,
        scorer: SentimentScorer.fromModel(loaded.model),
        loaded,
        backend,
      };
      const previous = this.served;
      this.served = next;
      this.lastError = undefined;
      metrics.modelLoadDuration.observe({ result: 'success' }, (performance.now() - started) / 1000);
      metrics.modelInfo.reset();
      metrics.modelInfo.set({ model: modelName, version: next.version, backend }, 1);
      metrics.modelReady.set(1);
      if (previous) {
        metrics.modelReloads.inc({ result: 'success' });
        // In-flight requests hold `previous`; scoring is synchronous, so by the next tick none is mid-score.
        setImmediate(() => previous.scorer.dispose());
      }
      logger.info(
        { version: next.version, previous: previous?.version, seconds: (performance.now() - started) / 1000 },
        'model loaded',
      );
    } catch (error) {
      metrics.modelLoadDuration.observe({ result: 'failure' }, (performance.now() - started) / 1000);
      this.lastError = (error as Error).message;
      logger.error({ err: error, version }, 'model version rejected');
      throw error;
    }
  }

  /** Stops retries and polling (the served model stays usable until the process exits). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
