import * as tf from '@tensorflow/tfjs';
import { featurize } from '../preprocess/featurize.js';
import type { PreprocessConfig } from '../preprocess/preprocess-config.js';
import { type FeatureBatch, toFeatureBatch } from '../preprocess/to-batch.js';
import { computeBags } from './embedding-bag.js';
import { LAYER } from './sentiment-model.js';

/**
 * Scores texts with a loaded sentiment LayersModel: the sparse bag in typed arrays ({@link computeBags}),
 * then the model's own dense layers in TensorFlow.js, one `predict` per batch. Trainer evaluation and
 * the API use this same class, so they give identical scores for the same texts and model.
 */
export class SentimentScorer {
  private readonly head: tf.LayersModel;
  private constructor(
    private readonly table: Float32Array,
    readonly dim: number,
    private readonly model: tf.LayersModel,
  ) {
    const input = tf.input({ shape: [dim], name: 'bag_input' });
    const hidden = model.getLayer(LAYER.hidden).apply(input) as tf.SymbolicTensor;
    const output = model.getLayer(LAYER.output).apply(hidden) as tf.SymbolicTensor;
    this.head = tf.model({ inputs: input, outputs: output, name: 'sentiment_head' });
  }

  /** Reads the embedding table out of the model once; the model keeps owning the dense weights. */
  static fromModel(model: tf.LayersModel): SentimentScorer {
    const weights = model.getLayer(LAYER.embedding).getWeights()[0];
    if (weights?.shape.length !== 2) throw new Error(`layer ${LAYER.embedding} has no 2-D embedding matrix`);
    return new SentimentScorer(Float32Array.from(weights.dataSync()), weights.shape[1] as number, model);
  }

  /** Probability of "positive" per row; every tensor created here is disposed. */
  score(batch: FeatureBatch): Float32Array {
    if (batch.size === 0) return new Float32Array(0);
    const bags = computeBags(this.table, this.dim, batch);
    return tf.tidy(() => {
      const out = this.head.predict(tf.tensor2d(bags, [batch.size, this.dim])) as tf.Tensor;
      return Float32Array.from(out.dataSync());
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
