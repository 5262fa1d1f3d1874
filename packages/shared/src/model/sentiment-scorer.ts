import { featurize } from '../preprocess/featurize.js';
import type { PreprocessConfig } from '../preprocess/preprocess-config.js';
import { type FeatureBatch, toFeatureBatch } from '../preprocess/to-batch.js';
import { denseLogits } from './dense-head.js';
import { computeBags } from './embedding-bag.js';
import { LAYER } from './sentiment-model.js';
import * as tf from './tf.js';

type DenseWeights = readonly [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];

/**
 * Scores texts with a loaded sentiment LayersModel: the sparse bag in typed arrays ({@link computeBags}),
 * then the model's own dense layers as TensorFlow.js ops on its weight tensors, once per batch
 * (`LayersModel.predict` adds ~0.5 ms of bookkeeping per call here). Trainer evaluation and the API use
 * this same class, so they give identical scores for the same texts and model.
 */
export class SentimentScorer {
  private constructor(
    private readonly table: Float32Array,
    readonly dim: number,
    private readonly model: tf.LayersModel,
    private readonly dense: DenseWeights,
  ) {}

  /** Reads the embedding table out of the model once; the model keeps owning every tensor. */
  static fromModel(model: tf.LayersModel): SentimentScorer {
    const weights = model.getLayer(LAYER.embedding).getWeights()[0];
    if (weights?.shape.length !== 2) throw new Error(`layer ${LAYER.embedding} has no 2-D embedding matrix`);
    const hidden = model.getLayer(LAYER.hidden);
    const output = model.getLayer(LAYER.output);
    const activation = (layer: tf.layers.Layer) => (layer.getConfig() as { activation?: string }).activation;
    if (activation(hidden) !== 'relu' || activation(output) !== 'sigmoid') {
      throw new Error(
        `layers ${LAYER.hidden}/${LAYER.output} must use relu/sigmoid, found ${activation(hidden)}/${activation(output)}`,
      );
    }
    const [k1, b1] = hidden.getWeights() as [tf.Tensor2D, tf.Tensor1D];
    const [k2, b2] = output.getWeights() as [tf.Tensor2D, tf.Tensor1D];
    // On the cpu backend dataSync() is the tensor's own storage, so the 33 MB table is not copied; the
    // scorer only reads it, and the model that owns it lives as long as the scorer.
    return new SentimentScorer(weights.dataSync() as Float32Array, weights.shape[1] as number, model, [k1, b1, k2, b2]);
  }

  /** Probability of "positive" per row; every tensor created here is disposed. */
  score(batch: FeatureBatch): Float32Array {
    if (batch.size === 0) return new Float32Array(0);
    const bags = computeBags(this.table, this.dim, batch);
    const [k1, b1, k2, b2] = this.dense;
    return tf.tidy(() => {
      const logits = denseLogits(tf.tensor2d(bags, [batch.size, this.dim]), k1, b1, k2, b2);
      return Float32Array.from(tf.sigmoid(logits).dataSync());
    });
  }

  /** Scores raw texts exactly as training saw them: same tokenizer, features and batching. */
  scoreTexts(config: PreprocessConfig, texts: readonly string[]): Float32Array {
    return this.score(toFeatureBatch(texts.map((t) => featurize(t, config))));
  }

  /** Frees the model's tensors; call when the model is replaced. */
  dispose(): void {
    this.model.dispose();
  }
}
