import * as tf from './tf.js';

/**
 * The model's dense head on a batch of bags, as logits: relu(bag·k1 + b1)·k2 + b2. The API's scorer applies sigmoid
 * to it and the trainer differentiates its loss through it, so both compute the same function.
 */
export function denseLogits(bags: tf.Tensor, k1: tf.Tensor, b1: tf.Tensor, k2: tf.Tensor, b2: tf.Tensor): tf.Tensor2D {
  const hidden = tf.relu(tf.add(tf.matMul(bags as tf.Tensor2D, k1 as tf.Tensor2D), b1));
  return tf.add(tf.matMul(hidden as tf.Tensor2D, k2 as tf.Tensor2D), b2) as tf.Tensor2D;
}
