import { featurize } from '@mlops/shared';
import { ApiError } from '../errors.js';
import type { ApiMetrics } from '../metrics/create-metrics.js';
import type { ModelHolder, ServedModel } from './model-holder.js';
import { SojournShedder } from './sojourn-shedder.js';

/** Where the queue leases models from: the {@link ModelHolder} (a test may swap models by hand). */
export type ModelSource = Pick<ModelHolder, 'acquire' | 'release' | 'notReadyReason'>;

/** The scores of one request's texts and the one model that featurized and scored them all. */
export interface ScoredTexts {
  readonly probabilities: Float32Array;
  readonly model: ServedModel;
}

/** Tells whether a job's client went away (an AbortSignal is one): its work is dropped before it is scored. */
export interface AbortFlag {
  readonly aborted: boolean;
}

/** Limits of the {@link ScoringQueue}; see ApiConfig for each. */
export interface ScoringQueueOptions {
  readonly maxBatchSize: number;
  readonly maxWaitMs: number;
  readonly maxQueuedTexts: number;
  readonly maxQueuedBatches: number;
  /** Sojourn target: shed when queued work has waited at least this long for a whole interval (0: off). */
  readonly maxQueueWaitMs: number;
  /** The interval of sojourn shedding. @default 100 */
  readonly queueWaitIntervalMs?: number;
  /** Longest stretch of scoring before yielding to the event loop. @default 5 */
  readonly sliceMs?: number;
  /** The clock, in milliseconds. @default performance.now */
  readonly now?: () => number;
}

interface Job {
  readonly texts: readonly string[];
  /** The model this job was admitted with: it featurizes and scores every one of its texts. */
  readonly model: ServedModel;
  readonly batch: boolean;
  readonly signal: AbortFlag | undefined;
  readonly probabilities: Float32Array;
  readonly enqueuedAt: number;
  next: number;
  done: number;
  resolve(value: ScoredTexts): void;
  reject(error: unknown): void;
}

/**
 * All scoring goes through this queue, so that the event loop is never held for long and overload is shed
 * early. Single texts from concurrent /predict calls are batched into one model call (up to maxBatchSize,
 * waiting at most maxWaitMs; 0: what arrived in the same turn); a batch request is split into such calls.
 * Each turn featurizes and scores for at most `sliceMs`, then yields (setImmediate), so probes, metrics
 * and new requests are answered between slices. A job keeps the model it was admitted with (leased) and a
 * model call only takes texts of one model, so no call and no response mixes versions. Work beyond the caps is
 * refused with 429 OVERLOADED; while the measured queue wait stands above its target ({@link SojournShedder}),
 * so are new arrivals and the waiting requests reaching the head. The work of a client that went away is dropped.
 */
export class ScoringQueue {
  private readonly jobs: Job[] = [];
  private queuedTexts = 0;
  private queuedBatches = 0;
  private scheduled = false;
  private readonly now: () => number;
  private readonly sojourn: SojournShedder;

  constructor(
    private readonly models: ModelSource,
    private readonly metrics: ApiMetrics,
    private readonly options: ScoringQueueOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.sojourn = new SojournShedder({
      targetMs: options.maxQueueWaitMs,
      intervalMs: options.queueWaitIntervalMs ?? 100,
    });
  }

  /** Texts waiting for or in a model call. */
  get depth(): number {
    return this.queuedTexts;
  }

  /** Scores texts with one model; sheds with OVERLOADED, fails with MODEL_NOT_READY without a model. */
  score(texts: readonly string[], options: { batch?: boolean; signal?: AbortFlag } = {}): Promise<ScoredTexts> {
    const batch = options.batch ?? false;
    const model = this.models.acquire();
    if (!model)
      return Promise.reject(
        new ApiError('MODEL_NOT_READY', `no model is loaded yet (${this.models.notReadyReason}); retry shortly`),
      );
    try {
      this.admit(texts.length, batch);
    } catch (error) {
      this.models.release(model);
      return Promise.reject(error);
    }
    return new Promise<ScoredTexts>((resolve, reject) => {
      const probabilities = new Float32Array(texts.length);
      const enqueuedAt = this.now();
      this.jobs.push({
        texts,
        model,
        batch,
        signal: options.signal,
        probabilities,
        enqueuedAt,
        next: 0,
        done: 0,
        resolve,
        reject,
      });
      this.queuedTexts += texts.length;
      if (batch) this.queuedBatches++;
      this.metrics.queueDepth.set(this.queuedTexts);
      this.schedule();
    });
  }

  /** Throws OVERLOADED (and counts it) when this work would exceed a cap; an empty queue admits anything. */
  private admit(count: number, batch: boolean): void {
    if (this.queuedTexts === 0) return;
    const { maxQueuedTexts, maxQueuedBatches, maxQueueWaitMs, maxBatchSize } = this.options;
    let detail: string | undefined;
    let reason = 'queue_full';
    if (this.queuedTexts + count > maxQueuedTexts)
      detail = `${this.queuedTexts} texts are queued and the limit is ${maxQueuedTexts}`;
    else if (batch && this.queuedBatches >= maxQueuedBatches)
      detail = `${this.queuedBatches} batch requests are in progress and the limit is ${maxQueuedBatches}`;
    // Less than one model call's worth of queued texts is never "overloaded": it is scored in the next call.
    else if (this.sojourn.shedding && this.queuedTexts >= maxBatchSize) {
      reason = 'overloaded';
      detail = `queued work has waited at least ${maxQueueWaitMs} ms for over ${this.options.queueWaitIntervalMs ?? 100} ms`;
    }
    if (detail) throw this.shed(reason, detail);
  }

  /** Counts a shed request and returns its 429. */
  private shed(reason: string, detail: string): ApiError {
    this.metrics.requestsShed.inc({ reason });
    return new ApiError(
      'OVERLOADED',
      `overloaded: ${detail}; retry after the Retry-After seconds, or on another replica`,
    );
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const { maxWaitMs, maxBatchSize } = this.options;
    if (maxWaitMs > 0 && this.queuedTexts < maxBatchSize) setTimeout(this.run, maxWaitMs);
    else setImmediate(this.run);
  }

  /** One slice: featurize texts from the head jobs (same model) within the time budget, score them, yield. */
  private readonly run = (): void => {
    this.scheduled = false;
    const started = performance.now();
    const budget = this.options.sliceMs ?? 5;
    const taken: Array<{ job: Job; index: number }> = [];
    const features: Int32Array[] = [];
    let model: ServedModel | undefined;
    while (this.jobs.length > 0 && features.length < this.options.maxBatchSize) {
      const job = this.jobs[0] as Job;
      if (job.signal?.aborted && job.done === 0 && !taken.some((t) => t.job === job)) {
        this.finish(job, new ApiError('CLIENT_CLOSED'));
        this.jobs.shift();
        continue;
      }
      if (model && job.model !== model) break;
      model = job.model;
      if (job.next === 0 && this.observeSojourn(job)) {
        this.jobs.shift();
        continue;
      }
      while (job.next < job.texts.length && features.length < this.options.maxBatchSize) {
        features.push(featurize(job.texts[job.next] as string, model.loaded.preprocess));
        taken.push({ job, index: job.next++ });
        if (performance.now() - started > budget) break;
      }
      if (job.next === job.texts.length) this.jobs.shift();
      if (performance.now() - started > budget) break;
    }
    if (model && features.length > 0) this.scoreSlice(model, features, taken);
    if (this.jobs.length > 0) {
      this.scheduled = true;
      setImmediate(this.run);
    }
  };

  /**
   * A job's first text is about to be scored: how long it waited feeds the queue-wait histogram and the shedder.
   * While the queue stands (shedding), a job that waited at least the target is dropped from the head, as CoDel
   * drops, with 429 overloaded: its client would get a late answer, and the work behind it gets the time.
   * Returns whether the job was dropped.
   */
  private observeSojourn(job: Job): boolean {
    const now = this.now();
    const waitedMs = Math.max(0, now - job.enqueuedAt);
    this.metrics.queueWait.observe(waitedMs / 1000);
    this.sojourn.observe(waitedMs, now);
    const { maxQueueWaitMs, maxBatchSize } = this.options;
    if (!this.sojourn.shedding || this.queuedTexts < maxBatchSize) return false;
    this.finish(
      job,
      this.shed(
        'overloaded',
        `this request waited ${Math.round(waitedMs)} ms in the queue, and queued work has waited at least ${maxQueueWaitMs} ms for over ${this.options.queueWaitIntervalMs ?? 100} ms`,
      ),
    );
    return true;
  }

  private scoreSlice(model: ServedModel, features: Int32Array[], taken: Array<{ job: Job; index: number }>): void {
    let probabilities: Float32Array;
    try {
      this.metrics.batchSize.observe(features.length);
      probabilities = model.scorer.scoreRows(features);
    } catch (error) {
      for (const job of new Set(taken.map((t) => t.job))) {
        const at = this.jobs.indexOf(job);
        if (at >= 0) this.jobs.splice(at, 1);
        this.finish(job, error);
      }
      return;
    }
    taken.forEach(({ job, index }, i) => {
      job.probabilities[index] = probabilities[i] as number;
      job.done++;
      if (job.done === job.texts.length) this.finish(job);
    });
  }

  /** Settles a job (resolved when no error), returns its texts' room to the queue and ends its lease. */
  private finish(job: Job, error?: unknown): void {
    this.queuedTexts -= job.texts.length;
    if (job.batch) this.queuedBatches--;
    this.metrics.queueDepth.set(this.queuedTexts);
    if (this.queuedTexts === 0) this.sojourn.idle();
    this.models.release(job.model);
    if (error) job.reject(error);
    else job.resolve({ probabilities: job.probabilities, model: job.model });
  }
}
