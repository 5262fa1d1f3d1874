import { SENTIMENT_LABELS } from '../model/sentiment-label.js';
import type { ModelLabels, ModelMetadata } from './artifact-format.js';

/** The class names a version serves: its metadata's labels, or the shared default for versions published without. */
export function labelsOf(metadata: Pick<ModelMetadata, 'labels'>): ModelLabels {
  return metadata.labels ?? SENTIMENT_LABELS;
}

/** What is wrong with a version's recorded labels (for validation), or undefined when they are usable. */
export function labelsProblem(labels: unknown): string | undefined {
  if (labels === undefined) return undefined;
  const ok =
    Array.isArray(labels) &&
    labels.length === 2 &&
    labels.every((l) => typeof l === 'string' && l.trim() !== '' && l.length <= 64) &&
    labels[0] !== labels[1];
  return ok
    ? undefined
    : `metadata labels ${JSON.stringify(labels).slice(0, 120)} must be two different non-empty names (at most 64 characters each), e.g. ["negative","positive"]`;
}
