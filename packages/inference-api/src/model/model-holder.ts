import {
  type CandidateModel,
  type LoadedModel,
  listVersions,
  loadCandidate,
  type ModelStore,
  readLatestVersion,
  type SentimentScorer,
} from '@mlops/shared';
import type { Logger } from 'pino';
import type { ApiMetrics } from '../metrics/create-metrics.js';
import { RejectedVersions, rejectionReason } from './rejected-versions.js';

/** The model being served: its version, scorer and preprocessing. Immutable; a reload makes a new one. */
export interface ServedModel {
  readonly version: string;
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

/** A version that must not serve (rejected or not published); `start` does not retry it. */
class Unusable extends Error {}

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
  private readonly leases = new Map<ServedModel, number>();
  private readonly retired = new Set<ServedModel>();
  private readonly rejected: RejectedVersions;
  private loading: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ModelHolderOptions) {
    this.rejected = new RejectedVersions(options.store, options.modelName);
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
    const model = this.served;
    if (model) this.leases.set(model, (this.leases.get(model) ?? 0) + 1);
    return model;
  }

  /** Ends a lease; a replaced model is disposed when its last lease ends. */
  release(model: ServedModel): void {
    const left = (this.leases.get(model) ?? 1) - 1;
    if (left > 0) this.leases.set(model, left);
    else {
      this.leases.delete(model);
      if (this.retired.delete(model)) model.scorer.dispose();
    }
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
      this.swap(await this.tryLoad(pinnedVersion));
      return;
    }
    const latest = await this.readLatest();
    let latestError: Error;
    try {
      this.swap(await this.tryLoad(latest));
      return;
    } catch (error) {
      if (!(error instanceof Unusable)) throw error;
      latestError = error;
    }
    const older = (await listVersions(store, modelName)).filter((v) => v < latest);
    for (const version of older) {
      try {
        this.swap(await this.tryLoad(version), latest);
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
        latest = await this.readLatest();
      } catch (error) {
        logger.warn({ err: error }, 'cannot read LATEST; keeping the served model');
        return this.served?.version;
      }
      // Before the first model is served, start() does the loading (and the fallback).
      if (!this.served || latest === this.served.version) return this.served?.version;
      try {
        this.swap(await this.tryLoad(latest));
      } catch (error) {
        if (!(error instanceof Remembered)) metrics.modelReloads.inc({ result: 'failure' });
      }
      return this.served?.version;
    });
  }

  /** Reads LATEST; any failure (unreadable, store down, not a version) is counted as operation "latest". */
  private async readLatest(): Promise<string> {
    try {
      return await readLatestVersion(this.options.store, this.options.modelName);
    } catch (error) {
      this.options.metrics.storeErrors.inc({ operation: 'latest' });
      throw error;
    }
  }

  /** Loads and validates one version; a rejection is counted, logged once and remembered. */
  private async tryLoad(version: string): Promise<CandidateModel> {
    const { store, modelName, metrics, logger } = this.options;
    const fingerprint = await this.rejected.fingerprint(version);
    const known = this.rejected.known(version, fingerprint);
    if (known) throw new Remembered(known.message);
    const started = performance.now();
    try {
      const candidate = await loadCandidate(store, modelName, version);
      metrics.modelLoadDuration.observe({ result: 'success' }, (performance.now() - started) / 1000);
      return candidate;
    } catch (error) {
      metrics.modelLoadDuration.observe({ result: 'failure' }, (performance.now() - started) / 1000);
      const reason = rejectionReason(error);
      if (!reason) throw error;
      const unusable = new Unusable(`${version} rejected (${reason}): ${(error as Error).message}`, { cause: error });
      this.rejected.remember(version, fingerprint, unusable);
      metrics.modelRejections.inc({ reason });
      logger.error({ version, reason, err: error }, 'model version rejected');
      throw unusable;
    }
  }

  private swap(candidate: CandidateModel, fallbackFrom?: string): void {
    const { modelName, metrics, backend, logger } = this.options;
    const next: ServedModel = {
      version: candidate.loaded.version,
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
      this.retired.add(previous);
      if (!this.leases.has(previous)) this.release(previous);
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

/** A version refused before with the same content: skipped without a new count or log line. */
class Remembered extends Unusable {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
