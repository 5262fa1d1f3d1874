import { isPositive, labelOf, type SentimentLabel } from '@mlops/shared';
import type { Scored } from '../model/scoring-queue.js';

/** The reference API's response, plus the model version: {text, prediction, confidence, tenant, model_version}. */
export interface Prediction {
  readonly text: string;
  readonly prediction: SentimentLabel;
  readonly confidence: number;
  readonly tenant: string;
  readonly model_version: string;
}

/** Turns a probability of "positive" into the label and its confidence (the larger class probability). */
export function toPrediction(text: string, scored: Scored, tenant: string): Prediction {
  const positive = isPositive(scored.probability);
  const confidence = positive ? scored.probability : 1 - scored.probability;
  return {
    text,
    prediction: labelOf(scored.probability),
    confidence: Math.round(confidence * 1e6) / 1e6,
    tenant,
    model_version: scored.version,
  };
}
