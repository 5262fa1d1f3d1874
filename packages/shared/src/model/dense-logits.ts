import { add, matMul, relu, type Tensor, type Tensor2D } from '@tensorflow/tfjs-core';

/**
 * The model's dense head on a batch of bags, as logits in tf ops: relu(bag·k1 + b1)·k2 + b2. The trainer
 * differentiates its loss through it; the scorer computes the same function in typed arrays
 * ({@link denseProbabilities} is its sigmoid), and a test keeps the two equal.
 */
export function denseLogits(bags: Tensor, k1: Tensor, b1: Tensor, k2: Tensor, b2: Tensor): Tensor2D {
  const hidden = relu(add(matMul(bags as Tensor2D, k1 as Tensor2D), b1));
  return add(matMul(hidden as Tensor2D, k2 as Tensor2D), b2) as Tensor2D;
}
