import { isPositive } from '@mlops/shared';
import type { Logger } from 'pino';
import type { ApiConfig } from '../config/load-config.js';
import type { ApiMetrics } from '../metrics/create-metrics.js';
import type { AbortFlag, ScoringQueue } from '../model/scoring-queue.js';
import { validateText, validateTexts } from './validate-input.js';

/** One classified text. */
export interface PredictedText {
  readonly text: string;
  /** The model's label for it: one of its metadata's labels. */
  readonly label: string;
  /** Probability of the second label (e.g. "positive"), as the model computed it. */
  readonly probability: number;
  /** Probability of the chosen label, rounded to 6 decimals. */
  readonly confidence: number;
}

/** The answer to one request: every text scored by the same model version. */
export interface Predictions {
  readonly version: string;
  readonly items: readonly PredictedText[];
}

/** What a caller passes with the texts. */
export interface PredictOptions {
  /** The request field the texts came from, named in validation errors. @default "texts" ("text" when single) */
  readonly field?: string;
  /** `texts` is one text (/predict, micro-batched with others), not a list (a batch request). @default false */
  readonly single?: boolean;
  /** The request id, for the prediction log lines. @default - none */
  readonly requestId?: string;
  /** Aborts the work when the client goes away. @default - never */
  readonly signal?: AbortFlag;
}

/** What the {@link Predictor} needs. */
export interface PredictorDeps {
  readonly config: Pick<ApiConfig, 'maxBatch' | 'maxTextLength' | 'logTexts'>;
  readonly queue: ScoringQueue;
  readonly metrics: ApiMetrics;
  readonly logger: Logger;
}

/**
 * The one prediction path (KServe's data-plane idea): every route hands its texts here, and this validates them
 * (type, count, length as sent and after NFKC normalization), queues them to be featurized and scored by one
 * model, labels them with that model's labels and counts them. Routes only parse the request and shape the answer.
 */
export class Predictor {
  constructor(private readonly deps: PredictorDeps) {}

  /** Classifies `texts` (unknown: validated here); throws the catalogue's 4xx/429/503 ApiErrors. */
  async predict(texts: unknown, options: PredictOptions = {}): Promise<Predictions> {
    const { config, queue, metrics, logger } = this.deps;
    const valid = options.single
      ? [validateText(texts, config.maxTextLength, options.field)]
      : validateTexts(texts, config.maxBatch, config.maxTextLength, options.field);
    const { probabilities, model } = await queue.score(valid, {
      batch: !options.single,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const items = valid.map((text, i): PredictedText => {
      const probability = probabilities[i] as number;
      const positive = isPositive(probability);
      const label = model.labels[positive ? 1 : 0];
      metrics.predictions.inc({ label });
      return {
        text,
        label,
        probability,
        confidence: Math.round((positive ? probability : 1 - probability) * 1e6) / 1e6,
      };
    });
    if (config.logTexts)
      for (const item of items)
        logger.info(
          { reqId: options.requestId, text: item.text, prediction: item.label, version: model.version },
          'prediction',
        );
    return { version: model.version, items };
  }
}
