import { denseLogits } from '../../src/model/dense-head.js';
import { computeBags } from '../../src/model/embedding-bag.js';
import { buildSentimentModel, LAYER } from '../../src/model/sentiment-model.js';
import { SentimentScorer } from '../../src/model/sentiment-scorer.js';
import * as tf from '../../src/model/tf.js';
import { toFeatureBatch } from '../../src/preprocess/to-batch.js';

describe('denseLogits, the dense head shared by the scorer and the trainer loss', () => {
  it('computes relu(bag·k1 + b1)·k2 + b2, by hand on a 2x2 example', () => {
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

  it("is what the scorer's probabilities are the sigmoid of", () => {
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
    const actual = Array.from(scorer.score(batch));
    expect(actual).toHaveLength(2);
    expect(actual.map((p, i) => Math.abs(p - (expected[i] as number)))).toEqual([0, 0]);
    scorer.dispose();
  });
});
