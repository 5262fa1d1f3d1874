import { denseProbabilities } from '../../src/model/dense-head.js';
import { denseLogits } from '../../src/model/dense-logits.js';
import { computeBags } from '../../src/model/embedding-bag.js';
import { LAYER } from '../../src/model/model-shape.js';
import type { DenseWeights } from '../../src/model/model-weights.js';
import { buildSentimentModel } from '../../src/model/sentiment-model.js';
import { SentimentScorer } from '../../src/model/sentiment-scorer.js';
import * as tf from '../../src/model/tf.js';
import { toFeatureBatch } from '../../src/preprocess/to-batch.js';

const head = (k1: number[][], b1: number[], k2: number[], b2: number): DenseWeights => ({
  dim: k1.length,
  hidden: b1.length,
  hiddenKernel: Float32Array.from(k1.flat()),
  hiddenBias: Float32Array.from(b1),
  outputKernel: Float32Array.from(k2),
  outputBias: Float32Array.from([b2]),
  activations: { hidden: 'relu', output: 'sigmoid' },
});

/** sigmoid(denseLogits(...)) computed by TensorFlow.js on the same weights: the reference. */
function tfProbabilities(bags: Float32Array, size: number, w: DenseWeights): number[] {
  return tf.tidy(() =>
    Array.from(
      tf
        .sigmoid(
          denseLogits(
            tf.tensor2d(bags, [size, w.dim]),
            tf.tensor2d(w.hiddenKernel, [w.dim, w.hidden]),
            tf.tensor1d(w.hiddenBias),
            tf.tensor2d(w.outputKernel, [w.hidden, 1]),
            tf.tensor1d(w.outputBias),
          ),
        )
        .dataSync(),
    ),
  );
}

describe('the dense head: typed arrays (scoring) and tf ops (the training loss)', () => {
  it('denseLogits computes relu(bag·k1 + b1)·k2 + b2, by hand on a 2x2 example', () => {
    const out = tf.tidy(() =>
      Array.from(
        denseLogits(
          tf.tensor2d([
            [1, 2],
            [-3, 1],
          ]),
          tf.tensor2d([
            [1, 0],
            [0, 1],
          ]),
          tf.tensor1d([0, -1]),
          tf.tensor2d([[2], [3]]),
          tf.tensor1d([0.5]),
        ).dataSync(),
      ),
    );
    // row 1: hidden relu([1, 1]) = [1, 1] -> 2 + 3 + 0.5; row 2: relu([-3, 0]) = [0, 0] -> 0.5
    expect(out).toEqual([5.5, 0.5]);
  });

  it('denseProbabilities is the sigmoid of the same example', () => {
    const probabilities = denseProbabilities(
      Float32Array.from([1, 2, -3, 1]),
      2,
      head(
        [
          [1, 0],
          [0, 1],
        ],
        [0, -1],
        [2, 3],
        0.5,
      ),
    );
    expect(Array.from(probabilities)).toEqual([5.5, 0.5].map((x) => Math.fround(1 / (1 + Math.exp(-x)))));
  });

  it.each([
    { dim: 4, hidden: 3, size: 5, seed: 1 },
    { dim: 32, hidden: 32, size: 64, seed: 2 },
    { dim: 16, hidden: 8, size: 1, seed: 3 },
  ])(
    'denseProbabilities equals TensorFlow.js to 1e-6 (dim $dim, hidden $hidden, $size rows)',
    ({ dim, hidden, size, seed }) => {
      let state = seed;
      const random = () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state / 2 ** 31 - 0.5;
      };
      const values = (n: number) => Float32Array.from({ length: n }, () => random() * 4);
      const weights: DenseWeights = {
        dim,
        hidden,
        hiddenKernel: values(dim * hidden),
        hiddenBias: values(hidden),
        outputKernel: values(hidden),
        outputBias: values(1),
        activations: { hidden: 'relu', output: 'sigmoid' },
      };
      const bags = values(size * dim);
      const actual = Array.from(denseProbabilities(bags, size, weights));
      const expected = tfProbabilities(bags, size, weights);
      expect(actual).toHaveLength(size);
      const worst = Math.max(...actual.map((p, i) => Math.abs(p - (expected[i] as number))));
      expect(worst).toBeLessThan(1e-6);
    },
  );

  it("gives the scorer's probabilities: the same as TensorFlow.js on the model's own weights, and no tensors", () => {
    const model = buildSentimentModel({ buckets: 64, embeddingDim: 4, hiddenUnits: 3 }, 7);
    const scorer = SentimentScorer.fromModel(model);
    const batch = toFeatureBatch([Int32Array.from([1, 5, 9]), Int32Array.from([2])]);
    const [k1, b1] = model.getLayer(LAYER.hidden).getWeights() as [tf.Tensor, tf.Tensor];
    const [k2, b2] = model.getLayer(LAYER.output).getWeights() as [tf.Tensor, tf.Tensor];
    const table = (model.getLayer(LAYER.embedding).getWeights()[0] as tf.Tensor).dataSync() as Float32Array;
    const expected = tf.tidy(() => {
      const bags = tf.tensor2d(computeBags(table, 4, batch), [batch.size, 4]);
      return Array.from(tf.sigmoid(denseLogits(bags, k1, b1, k2, b2)).dataSync());
    });
    const tensorsBefore = tf.memory().numTensors;
    const actual = Array.from(scorer.score(batch));
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(actual).toHaveLength(2);
    expect(Math.max(...actual.map((p, i) => Math.abs(p - (expected[i] as number))))).toBeLessThan(1e-6);
    scorer.dispose();
    expect(() => model.weights[0]?.read()).toThrow(/disposed/);
  });
});
