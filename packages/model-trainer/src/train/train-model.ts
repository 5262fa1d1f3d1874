import { computeBags, type EvaluationMetrics, LAYER, toFeatureBatch } from '@mlops/shared';
import * as tf from '@mlops/shared/tf';
import { buildSentimentModel, denseLogits } from '@mlops/shared/tf';
import { seededRandom, shuffleInPlace } from '../data/split-examples.js';
import { evaluate } from './evaluate.js';
import { SparseAdagrad } from './sparse-adagrad.js';
import type { TrainConfig } from './train-config.js';

/** Featurized examples: one feature-id list and one 0/1 label per example. */
export interface FeatureSet {
  readonly features: readonly Int32Array[];
  readonly labels: Uint8Array;
}

/** One line of progress per epoch. */
export interface EpochReport {
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
  readonly validation: EvaluationMetrics;
  readonly examplesPerSecond: number;
  readonly seconds: number;
  readonly etaSeconds: number;
  readonly best: boolean;
}

/** The trained model (best validation epoch) and its history. */
export interface TrainResult {
  readonly model: tf.LayersModel;
  readonly bestEpoch: number;
  readonly validation: EvaluationMetrics;
  readonly history: readonly EpochReport[];
}

/** Callbacks for progress output. */
export interface TrainHooks {
  /** Called after each epoch; `model` holds that epoch's weights. */
  readonly onEpoch?: (report: EpochReport, model: tf.LayersModel) => void;
  readonly onBatch?: (done: number, total: number, loss: number) => void;
}

/**
 * Trains the sentiment model. TF.js computes the dense layers, the loss and all gradients; the sparse
 * embedding bag and the update of the rows a batch touched run in typed arrays (SparseAdagrad), because
 * tfjs's cpu gather and its segment-sum gradient are far too slow for hashed n-gram features.
 */
export function trainModel(
  buckets: number,
  train: FeatureSet,
  validation: FeatureSet,
  config: TrainConfig,
  hooks: TrainHooks = {},
): TrainResult {
  const model = buildSentimentModel(
    { buckets, embeddingDim: config.embeddingDim, hiddenUnits: config.hiddenUnits },
    config.seed,
  );
  const D = config.embeddingDim;
  const embedding = new SparseAdagrad(
    Float32Array.from(model.getLayer(LAYER.embedding).getWeights()[0]?.dataSync() ?? []),
    D,
    config.learningRate,
    config.initialAccumulator,
  );
  const dense = [...model.getLayer(LAYER.hidden).getWeights(), ...model.getLayer(LAYER.output).getWeights()].map(
    (w, i) => tf.variable(w, true, `dense_${i}_${Date.now()}`),
  );
  const optimizer = tf.train.adagrad(config.denseLearningRate, config.initialAccumulator);
  const random = seededRandom(config.seed);
  const order = Array.from(train.features.keys());
  const history: EpochReport[] = [];
  let best: { epoch: number; metrics: EvaluationMetrics; table: Float32Array; dense: Float32Array[] } | undefined;
  const started = performance.now();
  const average = new WeightAverage();

  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const epochStart = performance.now();
    shuffleInPlace(order, random);
    let lossSum = 0;
    let batches = 0;
    const total = Math.ceil(order.length / config.batchSize);
    for (let start = 0; start < order.length; start += config.batchSize) {
      const idx = order.slice(start, start + config.batchSize);
      const features = idx.map((i) => dropFeatures(train.features[i] as Int32Array, config.featureDropout, random));
      lossSum += trainStep(
        embedding,
        dense,
        optimizer,
        features,
        Float32Array.from(idx, (i) => train.labels[i] as number),
        D,
      );
      batches++;
      if (hooks.onBatch && (batches % 50 === 0 || batches === total)) hooks.onBatch(batches, total, lossSum / batches);
    }
    if (config.averageFromEpoch > 0 && epoch >= config.averageFromEpoch) average.add(embedding.table, dense);
    if (average.count > 0) average.copyInto(model, buckets, D);
    else copyIntoModel(model, embedding.table, dense, buckets, D);
    const metrics = evaluate(model, validation.features, validation.labels);
    const seconds = (performance.now() - epochStart) / 1000;
    const isBest = average.count > 0 || !best || metrics.accuracy > best.metrics.accuracy;
    if (isBest && average.count === 0)
      best = {
        epoch,
        metrics,
        table: embedding.table.slice(),
        dense: dense.map((v) => Float32Array.from(v.dataSync())),
      };
    if (average.count > 0) best = { epoch, metrics, table: average.table, dense: average.dense };
    const elapsed = (performance.now() - started) / 1000;
    const report: EpochReport = {
      epoch,
      epochs: config.epochs,
      loss: lossSum / Math.max(1, batches),
      validation: metrics,
      examplesPerSecond: order.length / seconds,
      seconds,
      etaSeconds: (elapsed / epoch) * (config.epochs - epoch),
      best: isBest,
    };
    history.push(report);
    hooks.onEpoch?.(report, model);
    if (average.count === 0 && best && epoch - best.epoch >= config.patience) break;
  }
  if (!best) throw new Error('training ran no epoch; set epochs >= 1');
  const final = best;
  for (const [i, v] of dense.entries()) tf.tidy(() => v.assign(tf.tensor(final.dense[i] as Float32Array, v.shape)));
  copyIntoModel(model, final.table, dense, buckets, D);
  for (const v of dense) v.dispose();
  optimizer.dispose();
  return { model, bestEpoch: best.epoch, validation: best.metrics, history };
}

/**
 * One minibatch. The bag (a sparse lookup-sum) is computed in typed arrays; TF.js computes the dense
 * layers, the loss and every gradient, including the gradient with respect to the bag, which is then
 * spread back onto the embedding rows the batch used.
 */
function trainStep(
  embedding: SparseAdagrad,
  dense: tf.Variable[],
  optimizer: tf.Optimizer,
  features: Int32Array[],
  labels: Float32Array,
  D: number,
): number {
  const batch = toFeatureBatch(features);
  const bags = computeBags(embedding.table, D, batch);
  const [w1, b1, w2, b2] = dense as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const { loss, bagGrads } = tf.tidy(() => {
    const y = tf.tensor2d(labels, [batch.size, 1]);
    const lossOf = (bag: tf.Tensor, k1: tf.Tensor, c1: tf.Tensor, k2: tf.Tensor, c2: tf.Tensor) =>
      tf.losses.sigmoidCrossEntropy(y, denseLogits(bag, k1, c1, k2, c2)) as tf.Scalar;
    const { value, grads } = tf.valueAndGrads(lossOf)([tf.tensor2d(bags, [batch.size, D]), w1, b1, w2, b2]);
    optimizer.applyGradients({
      [w1.name]: grads[1] as tf.Tensor,
      [b1.name]: grads[2] as tf.Tensor,
      [w2.name]: grads[3] as tf.Tensor,
      [b2.name]: grads[4] as tf.Tensor,
    });
    return { loss: value.dataSync()[0] as number, bagGrads: Float32Array.from((grads[0] as tf.Tensor).dataSync()) };
  });
  embedding.applyBagGradients(batch, bagGrads);
  return loss;
}

/** Running average of the embedding table and dense weights, one snapshot per epoch. */
class WeightAverage {
  count = 0;
  table = new Float32Array(0);
  dense: Float32Array[] = [];

  add(table: Float32Array, dense: tf.Variable[]): void {
    this.count++;
    const k = 1 / this.count;
    if (this.count === 1) {
      this.table = table.slice();
      this.dense = dense.map((v) => Float32Array.from(v.dataSync()));
      return;
    }
    for (let i = 0; i < table.length; i++)
      this.table[i] = (this.table[i] as number) + k * ((table[i] as number) - (this.table[i] as number));
    dense.forEach((v, d) => {
      const cur = v.dataSync();
      const avg = this.dense[d] as Float32Array;
      for (let i = 0; i < avg.length; i++) avg[i] = (avg[i] as number) + k * ((cur[i] as number) - (avg[i] as number));
    });
  }

  copyInto(model: tf.LayersModel, buckets: number, D: number): void {
    tf.tidy(() => {
      const [k1, c1, k2, c2] = this.dense as [Float32Array, Float32Array, Float32Array, Float32Array];
      const hidden = k1.length / D;
      model.getLayer(LAYER.embedding).setWeights([tf.tensor2d(this.table, [buckets + 1, D])]);
      model.getLayer(LAYER.hidden).setWeights([tf.tensor2d(k1, [D, hidden]), tf.tensor1d(c1)]);
      model.getLayer(LAYER.output).setWeights([tf.tensor2d(k2, [hidden, 1]), tf.tensor1d(c2)]);
    });
  }
}

/** Drops each feature with probability `share` (keeping at least one); the identity when share is 0. */
export function dropFeatures(features: Int32Array, share: number, random: () => number): Int32Array {
  if (share <= 0 || features.length <= 1) return features;
  const kept = features.filter(() => random() >= share);
  return kept.length > 0 ? kept : features.subarray(0, 1);
}

/** Writes the trained table and dense weights into the model's layers. */
function copyIntoModel(
  model: tf.LayersModel,
  table: Float32Array,
  dense: tf.Variable[],
  buckets: number,
  D: number,
): void {
  tf.tidy(() => {
    model.getLayer(LAYER.embedding).setWeights([tf.tensor2d(table, [buckets + 1, D])]);
    model.getLayer(LAYER.hidden).setWeights([dense[0] as tf.Tensor, dense[1] as tf.Tensor]);
    model.getLayer(LAYER.output).setWeights([dense[2] as tf.Tensor, dense[3] as tf.Tensor]);
  });
}
