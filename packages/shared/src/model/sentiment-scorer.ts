import { featurize } from '../preprocess/featurize.js';
import type { PreprocessConfig } from '../preprocess/preprocess-config.js';
import type { FeatureBatch } from '../preprocess/to-batch.js';
import { denseProbabilities } from './dense-head.js';
import { computeBags, computeBagsOfRows } from './embedding-bag.js';
import { LAYER } from './model-shape.js';
import type { ModelWeights } from './model-weights.js';
import type * as tf from './tf.js';

/**
 * Scores texts with a sentiment model's weights in plain typed arrays: the sparse bag ({@link computeBags}),
 * then the dense head ({@link denseProbabilities}). No TensorFlow.js at all: the API builds it from an
 * artifact's weights (`readModelWeights`), the trainer's evaluation and publishing from a LayersModel
 * ({@link fromModel}); both run this same code, so they give identical scores for the same texts and model.
 */
export class SentimentScorer {
  private constructor(
    private readonly weights: ModelWeights,
    private readonly release: () => void,
  ) {}

  /** Embedding width. */
  get dim(): number {
    return this.weights.dim;
  }

  /** A scorer over weights read from an artifact; throws when the head is not relu → sigmoid. */
  static fromWeights(weights: ModelWeights): SentimentScorer {
    const { hidden, output } = weights.activations;
    if (hidden !== 'relu' || output !== 'sigmoid')
      throw new Error(`layers ${LAYER.hidden}/${LAYER.output} must use relu/sigmoid, found ${hidden}/${output}`);
    return new SentimentScorer(weights, () => {});
  }

  /**
   * Reads the weights out of a LayersModel (the trainer's). On the cpu backend dataSync() is the tensor's own
   * storage, so the table is not copied; dispose() disposes the model.
   */
  static fromModel(model: tf.LayersModel): SentimentScorer {
    const table = model.getLayer(LAYER.embedding).getWeights()[0];
    if (table?.shape.length !== 2) throw new Error(`layer ${LAYER.embedding} has no 2-D embedding matrix`);
    const hidden = model.getLayer(LAYER.hidden);
    const output = model.getLayer(LAYER.output);
    const activation = (layer: tf.layers.Layer) => String((layer.getConfig() as { activation?: string }).activation);
    const [k1, b1] = hidden.getWeights();
    const [k2, b2] = output.getWeights();
    if (!k1 || !b1 || !k2 || !b2) throw new Error(`layers ${LAYER.hidden}/${LAYER.output} need a kernel and a bias`);
    const floats = (t: tf.Tensor) => t.dataSync() as Float32Array;
    const scorer = SentimentScorer.fromWeights({
      rows: table.shape[0] as number,
      dim: table.shape[1] as number,
      hidden: k1.shape[1] as number,
      embedding: floats(table),
      hiddenKernel: floats(k1),
      hiddenBias: floats(b1),
      outputKernel: floats(k2),
      outputBias: floats(b2),
      activations: { hidden: activation(hidden), output: activation(output) },
    });
    return new SentimentScorer(scorer.weights, () => model.dispose());
  }

  /** Probability of "positive" per row. */
  score(batch: FeatureBatch): Float32Array {
    if (batch.size === 0) return new Float32Array(0);
    return denseProbabilities(computeBags(this.weights.embedding, this.weights.dim, batch), batch.size, this.weights);
  }

  /** Probability of "positive" per feature list (unpadded; the same scores as `score(toFeatureBatch(rows))`). */
  scoreRows(rows: readonly Int32Array[]): Float32Array {
    if (rows.length === 0) return new Float32Array(0);
    const { embedding, dim } = this.weights;
    return denseProbabilities(computeBagsOfRows(embedding, dim, rows), rows.length, this.weights);
  }

  /** Scores raw texts exactly as training saw them: same tokenizer, features and batching. */
  scoreTexts(config: PreprocessConfig, texts: readonly string[]): Float32Array {
    return this.scoreRows(texts.map((t) => featurize(t, config)));
  }

  /** Frees what the scorer holds: the LayersModel it was read from, if any (typed arrays are left to the GC). */
  dispose(): void {
    this.release();
  }
}
