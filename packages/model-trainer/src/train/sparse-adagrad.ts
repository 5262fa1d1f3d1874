import type { FeatureBatch } from '@mlops/shared';

/**
 * Adagrad on the rows of an embedding table that a batch touched, in plain typed arrays.
 * Dense updates of a 2^18-row table per step would cost tens of milliseconds; touching only the
 * batch's rows costs microseconds. This is the "sparse-friendly formulation" that makes training on the
 * pure-JS backend fast (TF.js still computes the gradients).
 */
export class SparseAdagrad {
  private readonly accumulators: Float32Array;

  constructor(
    readonly table: Float32Array,
    readonly dim: number,
    readonly learningRate: number,
    initialAccumulator = 0.1,
  ) {
    this.accumulators = new Float32Array(table.length).fill(initialAccumulator);
  }

  /**
   * Back-propagates the loss gradient with respect to each bag (`bagGrads`, [batch.size, dim]) onto the
   * embedding rows of the batch (row gradient = sum over uses of weight x bag gradient), then takes one
   * Adagrad step on exactly those rows.
   */
  applyBagGradients(batch: FeatureBatch, bagGrads: Float32Array): void {
    const { dim } = this;
    const rowGrads = new Map<number, Float32Array>();
    for (let row = 0; row < batch.size; row++) {
      for (let k = row * batch.width, end = k + batch.width; k < end; k++) {
        const w = batch.weights[k] as number;
        if (w === 0) continue;
        const id = batch.ids[k] as number;
        let g = rowGrads.get(id);
        if (!g) {
          g = new Float32Array(dim);
          rowGrads.set(id, g);
        }
        for (let j = 0; j < dim; j++) g[j] = (g[j] as number) + w * (bagGrads[row * dim + j] as number);
      }
    }
    for (const [id, g] of rowGrads) this.step(id, g);
  }

  private step(id: number, grad: Float32Array): void {
    const { table, accumulators, dim, learningRate } = this;
    const base = id * dim;
    for (let j = 0; j < dim; j++) {
      const g = grad[j] as number;
      const acc = (accumulators[base + j] as number) + g * g;
      accumulators[base + j] = acc;
      table[base + j] = (table[base + j] as number) - (learningRate * g) / Math.sqrt(acc);
    }
  }
}
