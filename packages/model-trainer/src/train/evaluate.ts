import { type EvaluationMetrics, isPositive, SentimentScorer } from '@mlops/shared';
import type * as tf from '@mlops/shared/tf';

/** Accuracy, precision, recall, F1 and the confusion matrix at the API's label threshold (POSITIVE_THRESHOLD). */
export function computeMetrics(labels: ArrayLike<number>, scores: ArrayLike<number>): EvaluationMetrics {
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = isPositive(scores[i] as number) ? 1 : 0;
    if (labels[i] === 1) predicted === 1 ? tp++ : fn++;
    else predicted === 1 ? fp++ : tn++;
  }
  const n = labels.length;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    examples: n,
    accuracy: n === 0 ? 0 : (tp + tn) / n,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    confusionMatrix: [
      [tn, fp],
      [fn, tp],
    ],
  };
}

/** Scores featurized examples in chunks (bounded memory) and computes the metrics. */
export function evaluate(
  model: tf.LayersModel,
  features: readonly Int32Array[],
  labels: ArrayLike<number>,
  chunk = 1024,
): EvaluationMetrics {
  const scorer = SentimentScorer.fromModel(model);
  const scores = new Float32Array(features.length);
  for (let start = 0; start < features.length; start += chunk) {
    scores.set(scorer.scoreRows(features.slice(start, start + chunk)), start);
  }
  return computeMetrics(labels, scores);
}
