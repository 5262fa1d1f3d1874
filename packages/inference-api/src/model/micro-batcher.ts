import { featurize, toFeatureBatch } from '@mlops/shared';
import type { ApiMetrics } from '../metrics/create-metrics.js';
import type { ModelHolder, ServedModel } from './model-holder.js';

/** One scored text and the model version that scored it. */
export interface Scored {
  readonly probability: number;
  readonly version: string;
}

interface Pending {
  readonly features: Int32Array;
  resolve(value: Scored): void;
  reject(error: unknown): void;
}

/**
 * Gathers concurrent single-text predictions into one model call: a batch runs when it reaches
 * `maxSize` texts, or `maxWaitMs` after its first text; with maxWaitMs 0, at the end of the current
 * event-loop turn (every request that arrived together, no added latency). maxSize 1 turns batching off.
 * The model is taken at flush time, so a batch never mixes versions.
 */
export class MicroBatcher {
  private queue: Pending[] = [];
  private timeout: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;

  constructor(
    private readonly holder: ModelHolder,
    private readonly metrics: ApiMetrics,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
    private readonly onNoModel: () => Error,
  ) {}

  /** Scores one text, possibly together with others that arrive within the wait window. */
  score(text: string): Promise<Scored> {
    const model = this.holder.current;
    if (!model) return Promise.reject(this.onNoModel());
    const features = featurize(text, model.loaded.preprocess);
    if (this.maxSize <= 1) {
      const scored = scoreNow(model, [features], this.metrics)[0] as Scored;
      return Promise.resolve(scored);
    }
    return new Promise<Scored>((resolve, reject) => {
      this.queue.push({ features, resolve, reject });
      if (this.queue.length >= this.maxSize) this.flush();
      else if (this.maxWaitMs > 0) this.timeout ??= setTimeout(() => this.flush(), this.maxWaitMs);
      else this.immediate ??= setImmediate(() => this.flush());
    });
  }

  /** Scores everything queued now, in one model call. */
  flush(): void {
    clearTimeout(this.timeout);
    clearImmediate(this.immediate);
    this.timeout = undefined;
    this.immediate = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const model = this.holder.current;
    try {
      if (!model) throw this.onNoModel();
      const scored = scoreNow(
        model,
        batch.map((p) => p.features),
        this.metrics,
      );
      batch.forEach((p, i) => {
        p.resolve(scored[i] as Scored);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}

/** Scores featurized texts with one model call and records the batch size. */
export function scoreNow(model: ServedModel, features: Int32Array[], metrics: ApiMetrics): Scored[] {
  metrics.batchSize.observe(features.length);
  const probabilities = model.scorer.score(toFeatureBatch(features));
  return Array.from(probabilities, (probability) => ({ probability, version: model.version }));
}
