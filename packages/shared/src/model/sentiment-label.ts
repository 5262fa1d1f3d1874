/** The two classes in index order; the model outputs the probability of index 1. */
export const SENTIMENT_LABELS = ['negative', 'positive'] as const;
/** One of the two classes. */
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** A probability of "positive" at or above this is labelled positive: by the API and by the trainer's evaluation. */
export const POSITIVE_THRESHOLD = 0.5;

/** Whether a probability of "positive" means positive; the one label rule. */
export function isPositive(probability: number): boolean {
  return probability >= POSITIVE_THRESHOLD;
}

/** The label of a probability of "positive". */
export function labelOf(probability: number): SentimentLabel {
  return isPositive(probability) ? 'positive' : 'negative';
}
