import {
  type CandidateModel,
  type LoadedModel,
  labelsOf,
  listVersions,
  type ModelLabels,
  type ModelStore,
  type SentimentScorer,
} from '@mlops/shared';
import type { Logger } from 'pino';
import type { ApiMetrics } from '../metrics/create-metrics.js';
import { ModelLeases } from './model-leases.js';
import { Remembered, Unusable, VersionLoader } from './version-loader.js';

/** The model being served: its version, scorer, preprocessing and labels. Immutable; a reload makes a new one. */
export interface ServedModel {
  readonly version: string;
  /** The class names it answers with: from its metadata, the shared default for versions published without. */
  readonly labels: ModelLabels;
  readonly scorer: SentimentScorer;
  readonly loaded: LoadedModel;
  readonly backend: string;
  /** The LATEST version this one stands in for, when LATEST could not be served at start. */
  readonly fallbackFrom?: string;
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
 * Owns the served model. At start it loads LATEST (or the pin), falling back to the newest older version that
 * validates when LATEST cannot serve (never for a pin); store errors are retried with backoff. It polls LATEST
 * and swaps a validated version in atomically; a rejected version is remembered and not retried. Requests lease
 * the model they use, and a replaced model is disposed when its last lease ends.
 */
export class ModelHolder {
  private served: ServedModel | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private readonly leases = new ModelLeases<ServedModel>();
  private readonly loader: VersionLoader;
  private loading: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ModelHolderOptions) {
    this.loader = new VersionLoader(options);
  }

  /** The model to use for a request, or undefined while none is loaded. */
  get current(): ServedModel | undefined {
    return this.served;
  }

  /** Why no model is loaded (for /ready), if one is not. */
  get notReadyReason(): string | undefined {
    return this.served ? undefined : `model not loaded${this.lastError ? `: ${this.lastError}` : ' yet'}`;
  }

  /** The current model, leased: it is not disposed before {@link release}. */
  acquire(): ServedModel | undefined {
    return this.leases.acquire(this.served);
  }

  /** Ends a lease; a replaced model is disposed when its last lease ends. */
  release(model: ServedModel): void {
    this.leases.release(model);
  }

  /** Loads the first model, retrying store errors with backoff until it serves, {@link stop}, or a broken pin. */
  async start(): Promise<void> {
    let delay = this.options.retryDelayMs ?? 500;
    while (!this.stopped && !this.served) {
      try {
        await this.exclusive(() => this.loadFirst());
      } catch (error) {
        this.lastError = (error as Error).message;
        if (error instanceof Unusable && this.options.pinnedVersion) {
          this.options.logger.error(
            { version: this.options.pinnedVersion },
            `pinned version cannot serve: ${this.lastError}`,
          );
          return;
        }
        this.options.logger.warn({ retryInMs: delay, reason: this.lastError }, 'model not loaded; retrying');
        await sleep(delay);
        delay = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 30_000);
      }
    }
  }

  private async loadFirst(): Promise<void> {
    const { pinnedVersion, store, modelName, metrics, logger } = this.options;
    if (pinnedVersion) {
      this.swap(await this.loader.tryLoad(pinnedVersion));
      return;
    }
    const latest = await this.loader.readLatest();
    let latestError: Error;
    try {
      this.swap(await this.loader.tryLoad(latest));
      return;
    } catch (error) {
      if (!(error instanceof Unusable)) throw error;
      latestError = error;
    }
    const older = (await listVersions(store, modelName)).filter((v) => v < latest);
    for (const version of older) {
      try {
        this.swap(await this.loader.tryLoad(version), latest);
        metrics.modelFallbacks.inc();
        logger.warn({ version, latest, reason: latestError.message }, 'LATEST cannot serve; serving an older version');
        return;
      } catch (error) {
        if (!(error instanceof Unusable)) throw error;
      }
    }
    throw new Error(
      `no usable version: LATEST ${latest} cannot serve (${latestError.message}); ${older.length} older version(s) cannot either`,
    );
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
    const { logger, metrics } = this.options;
    return this.exclusive(async () => {
      let latest: string;
      try {
        latest = await this.loader.readLatest();
      } catch (error) {
        logger.warn({ err: error }, 'cannot read LATEST; keeping the served model');
        return this.served?.version;
      }
      // Before the first model is served, start() does the loading (and the fallback).
      if (!this.served || latest === this.served.version) return this.served?.version;
      try {
        this.swap(await this.loader.tryLoad(latest));
      } catch (error) {
        if (!(error instanceof Remembered)) metrics.modelReloads.inc({ result: 'failure' });
      }
      return this.served?.version;
    });
  }

  private swap(candidate: CandidateModel, fallbackFrom?: string): void {
    const { modelName, metrics, backend, logger } = this.options;
    const next: ServedModel = {
      version: candidate.loaded.version,
      labels: labelsOf(candidate.loaded.metadata),
      scorer: candidate.scorer,
      loaded: candidate.loaded,
      backend,
      ...(fallbackFrom ? { fallbackFrom } : {}),
    };
    const previous = this.served;
    this.served = next;
    this.lastError = undefined;
    metrics.modelInfo.reset();
    metrics.modelInfo.set({ model: modelName, version: next.version, backend }, 1);
    metrics.modelReady.set(1);
    if (previous) {
      metrics.modelReloads.inc({ result: 'success' });
      this.leases.retire(previous);
    }
    logger.info({ version: next.version, previous: previous?.version, fallbackFrom }, 'model loaded');
  }

  /** Runs loads one at a time (start, polls and tests never load concurrently). */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.loading.then(task, task);
    this.loading = run.catch(() => {});
    return run;
  }

  /** Stops retries and polling (the served model stays usable until the process exits). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
