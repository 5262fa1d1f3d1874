import { featurize, toFeatureBatch } from '@mlops/shared';
import { ApiError } from '../errors.js';
import type { ApiMetrics } from '../metrics/create-metrics.js';
import type { ModelHolder, ServedModel } from './model-holder.js';

/** One scored text and the model version that scored it. */
export interface Scored {
  readonly probability: number;
  readonly version: string;
}

/** Limits of the {@link ScoringQueue}; see ApiConfig for each. */
export interface ScoringQueueOptions {
  readonly maxBatchSize: number;
  readonly maxWaitMs: number;
  readonly maxQueuedTexts: number;
  readonly maxQueuedBatches: number;
  readonly maxQueueWaitMs: number;
  /** Longest stretch of scoring before yielding to the event loop. @default 5 */
  readonly sliceMs?: number;
}

interface Job {
  readonly texts: readonly string[];
  readonly model: ServedModel;
  readonly batch: boolean;
  readonly signal: AbortSignal | undefined;
  readonly probabilities: Float32Array;
  next: number;
  done: number;
  resolve(value: Scored[]): void;
  reject(error: unknown): void;
}

/**
 * All scoring goes through this queue, so that the event loop is never held for long and overload is shed
 * early. Single texts from concurrent /predict calls are batched into one model call (up to maxBatchSize,
 * waiting at most maxWaitMs; 0: what arrived in the same turn); a batch request is split into such calls.
 * Each turn featurizes and scores for at most `sliceMs`, then yields (setImmediate), so probes, metrics
 * and new requests are answered between slices. A job keeps the model version it was queued with (leased),
 * so a response never mixes versions. Work beyond the caps is refused with 429 OVERLOADED, and the work
 * of a client that went away is dropped.
 */
export class ScoringQueue {
  private readonly jobs: Job[] = [];
  private queuedTexts = 0;
  private queuedBatches = 0;
  private scheduled = false;
  private msPerText = 0;

  constructor(
    private readonly holder: ModelHolder,
    private readonly metrics: ApiMetrics,
    private readonly options: ScoringQueueOptions,
  ) {}

  /** Texts waiting for or in a model call. */
  get depth(): number {
    return this.queuedTexts;
  }

  /** Scores texts with one model version; sheds with OVERLOADED, fails with MODEL_NOT_READY without a model. */
  score(texts: readonly string[], options: { batch?: boolean; signal?: AbortSignal } = {}): Promise<Scored[]> {
    const batch = options.batch ?? false;
    this.admit(texts.length, batch);
    const model = this.holder.acquire();
    if (!model) return Promise.reject(new ApiError('MODEL_NOT_READY'));
    return new Promise<Scored[]>((resolve, reject) => {
      const probabilities = new Float32Array(texts.length);
      this.jobs.push({ texts, model, batch, signal: options.signal, probabilities, next: 0, done: 0, resolve, reject });
      this.queuedTexts += texts.length;
      if (batch) this.queuedBatches++;
      this.metrics.queueDepth.set(this.queuedTexts);
      this.schedule();
    });
  }

  /** Throws OVERLOADED (and counts it) when this work would exceed a cap; an empty queue admits anything. */
  private admit(count: number, batch: boolean): void {
    if (this.queuedTexts === 0) return;
    const { maxQueuedTexts, maxQueuedBatches, maxQueueWaitMs } = this.options;
    let detail: string | undefined;
    let reason = 'queue_full';
    if (this.queuedTexts + count > maxQueuedTexts)
      detail = `${this.queuedTexts} texts are queued and the limit is ${maxQueuedTexts}`;
    else if (batch && this.queuedBatches >= maxQueuedBatches)
      detail = `${this.queuedBatches} batch requests are in progress and the limit is ${maxQueuedBatches}`;
    // Less than one model call's worth of queued texts is never "overloaded": it is scored in the next call, and an
    // estimate from so few slices is noise (a throttled or preempted slice).
    else if (
      maxQueueWaitMs > 0 &&
      this.queuedTexts >= this.options.maxBatchSize &&
      this.msPerText * (this.queuedTexts + count) > maxQueueWaitMs
    ) {
      reason = 'overloaded';
      detail = `the queue would take about ${Math.round(this.msPerText * this.queuedTexts)} ms, over the ${maxQueueWaitMs} ms limit`;
    }
    if (!detail) return;
    this.metrics.requestsShed.inc({ reason });
    throw new ApiError(
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
    const cpuAtStart = process.cpuUsage();
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
      while (job.next < job.texts.length && features.length < this.options.maxBatchSize) {
        features.push(featurize(job.texts[job.next] as string, model.loaded.preprocess));
        taken.push({ job, index: job.next++ });
        if (performance.now() - started > budget) break;
      }
      if (job.next === job.texts.length) this.jobs.shift();
      if (performance.now() - started > budget) break;
    }
    if (model && features.length > 0) this.scoreSlice(model, features, taken);
    if (taken.length > 0) {
      // CPU time, not wall time: under a CPU limit (CFS throttling) or a busy node one slice can stall for a whole
      // quota period, and a wall-clock estimate would then shed a queue of a handful of texts.
      const cpu = process.cpuUsage(cpuAtStart);
      const perText = (cpu.user + cpu.system) / 1000 / taken.length;
      this.msPerText = this.msPerText === 0 ? perText : 0.8 * this.msPerText + 0.2 * perText;
    }
    if (this.jobs.length > 0) {
      this.scheduled = true;
      setImmediate(this.run);
    }
  };

  private scoreSlice(model: ServedModel, features: Int32Array[], taken: Array<{ job: Job; index: number }>): void {
    let probabilities: Float32Array;
    try {
      this.metrics.batchSize.observe(features.length);
      probabilities = model.scorer.score(toFeatureBatch(features));
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
    this.holder.release(job.model);
    if (error) job.reject(error);
    else job.resolve(Array.from(job.probabilities, (probability) => ({ probability, version: job.model.version })));
  }
}
