import * as tf from '@tensorflow/tfjs-layers';
import { LAYER, type ModelShape } from './model-shape.js';

/**
 * A bag of hashed n-gram embeddings (weighted sum, Dot with the weights input) → ReLU → sigmoid.
 * Only standard layers, so `tf.loadLayersModel` needs no custom classes.
 */
export function buildSentimentModel(shape: ModelShape, seed = 42): tf.LayersModel {
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'ids' });
  const weights = tf.input({ shape: [null], name: 'weights' });
  const embedded = tf.layers
    .embedding({
      inputDim: shape.buckets + 1,
      outputDim: shape.embeddingDim,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.01, maxval: 0.01, seed }),
      name: LAYER.embedding,
    })
    .apply(ids) as tf.SymbolicTensor;
  const bag = tf.layers.dot({ axes: 1, name: LAYER.bag }).apply([weights, embedded]) as tf.SymbolicTensor;
  const hidden = tf.layers
    .dense({
      units: shape.hiddenUnits,
      activation: 'relu',
      kernelInitializer: tf.initializers.heUniform({ seed: seed + 1 }),
      name: LAYER.hidden,
    })
    .apply(bag) as tf.SymbolicTensor;
  const output = tf.layers
    .dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
      name: LAYER.output,
    })
    .apply(hidden) as tf.SymbolicTensor;
  return tf.model({ inputs: [ids, weights], outputs: output, name: 'sentiment' });
}
