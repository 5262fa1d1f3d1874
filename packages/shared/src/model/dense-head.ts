import type { DenseWeights } from './model-weights.js';

/**
 * The model's dense head on a batch of bags, as probabilities: sigmoid(relu(bag·k1 + b1)·k2 + b2), in plain
 * typed arrays, rounding where TensorFlow.js's cpu backend does (sums in doubles, float32 between ops). The API and the trainer's
 * evaluation both score through this function; the trainer's loss differentiates the same function written
 * as tf ops (`denseLogits` in `@mlops/shared/tf`), and a test keeps the two equal to 1e-6.
 */
export function denseProbabilities(bags: Float32Array, size: number, weights: DenseWeights): Float32Array {
  const { dim, hidden, hiddenKernel, hiddenBias, outputKernel, outputBias } = weights;
  const out = new Float32Array(size);
  const units = new Float64Array(hidden);
  const b2 = outputBias[0] as number;
  for (let row = 0; row < size; row++) {
    const base = row * dim;
    for (let u = 0; u < hidden; u++) units[u] = 0;
    for (let j = 0; j < dim; j++) {
      const x = bags[base + j] as number;
      if (x === 0) continue;
      const k = j * hidden;
      for (let u = 0; u < hidden; u++) units[u] = (units[u] as number) + x * (hiddenKernel[k + u] as number);
    }
    let logit = 0;
    for (let u = 0; u < hidden; u++) {
      const h = Math.fround(Math.fround(units[u] as number) + (hiddenBias[u] as number));
      if (h > 0) logit += h * (outputKernel[u] as number);
    }
    out[row] = 1 / (1 + Math.exp(-Math.fround(Math.fround(logit) + b2)));
  }
  return out;
}
