import { SharedError } from '../errors.js';
import { float16Table } from '../model/float16.js';
import { LAYER, WEIGHT } from '../model/model-shape.js';
import { listWeights } from '../model/model-weights.js';
import type { SentimentScorer } from '../model/sentiment-scorer.js';
import type { LoadedModel } from './load-version.js';
import { labelsProblem } from './model-labels.js';
import { PROBE_TEXTS, PROBE_TOLERANCE } from './probe-set.js';

/**
 * Checks a loaded version before it may serve, listing every problem at once: layer shapes match the
 * metadata and preprocessing, the recorded labels are two names, every weight is finite, and the probe texts score to finite probabilities in
 * [0, 1] that match the scores recorded at publish time (when the metadata has them). Throws INVALID_MODEL.
 */
export function validateModel(loaded: LoadedModel, scorer: SentimentScorer, where: string): number[] {
  const { metadata, preprocess, weights } = loaded;
  const problems: string[] = [];
  const labels = labelsProblem(metadata.labels);
  if (labels) problems.push(labels);
  const shape = metadata.shape;
  if (shape.buckets !== preprocess.buckets)
    problems.push(`metadata shape.buckets ${shape.buckets} differs from preprocess buckets ${preprocess.buckets}`);
  if (scorer.dim !== shape.embeddingDim)
    problems.push(`the embedding is ${scorer.dim} wide; metadata says embeddingDim ${shape.embeddingDim}`);
  const kernel = `${weights.dim}x${weights.hidden}`;
  if (kernel !== `${shape.embeddingDim}x${shape.hiddenUnits}`)
    problems.push(`layer ${LAYER.hidden} kernel is ${kernel}; expected ${shape.embeddingDim}x${shape.hiddenUnits}`);
  if (weights.outputKernel.length !== shape.hiddenUnits)
    problems.push(`layer ${LAYER.output} kernel is ${weights.outputKernel.length}x1; expected ${shape.hiddenUnits}x1`);
  for (const [key, values] of listWeights(weights)) {
    const bad = firstNonFinite(values);
    if (bad >= 0)
      problems.push(`weight ${WEIGHT[key]} holds a non-finite value (${valueAt(values, bad)}) at index ${bad}`);
  }
  const scores = Array.from(scorer.scoreTexts(preprocess, PROBE_TEXTS));
  const outOfRange = scores.filter((s) => !(Number.isFinite(s) && s >= 0 && s <= 1));
  if (outOfRange.length > 0)
    problems.push(`probe texts score ${outOfRange.slice(0, 3).join(', ')}; probabilities must be finite in [0, 1]`);
  const recorded = metadata.probes;
  if (recorded && recorded.texts.join('\n') === PROBE_TEXTS.join('\n')) {
    const drift = scores.map((s, i) => Math.abs(s - (recorded.scores[i] ?? Number.NaN)));
    const worst = Math.max(...drift.map((d) => (Number.isNaN(d) ? Number.POSITIVE_INFINITY : d)));
    if (worst > PROBE_TOLERANCE)
      problems.push(
        `probe scores differ from those recorded at publish time by up to ${worst} (allowed ${PROBE_TOLERANCE})`,
      );
  }
  if (problems.length > 0)
    throw new SharedError(
      'INVALID_MODEL',
      `${where} failed validation: ${problems.join('; ')}; publish a good version`,
    );
  return scores;
}

/** Index of the first NaN or ±Infinity (float32, or float16 bits: exponent all ones), or -1: a plain loop. */
function firstNonFinite(values: Float32Array | Uint16Array): number {
  if (values instanceof Uint16Array) {
    for (let i = 0; i < values.length; i++) if (((values[i] as number) & 0x7c00) === 0x7c00) return i;
    return -1;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v - v !== 0) return i;
  }
  return -1;
}

const valueAt = (values: Float32Array | Uint16Array, i: number) =>
  values instanceof Uint16Array ? float16Table()[values[i] as number] : values[i];
