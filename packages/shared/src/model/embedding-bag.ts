import type { FeatureBatch } from '../preprocess/to-batch.js';
import { float16Table } from './float16.js';

/**
 * The bag layer of the model, computed on the sparse feature ids: for each row, the weighted sum of
 * its features' embedding rows. It equals the model's Embedding + Dot layers (same weights, up to float32
 * rounding of the sum's order), but costs O(features × dim) instead of tfjs's cpu gather at ~0.8 µs per element.
 * The trainer trains on this padded form; scoring uses {@link computeBagsOfRows}. The table is float32, or half-precision bits (Uint16Array, an
 * artifact published with a float16 embedding: half the memory), decoded by one table lookup per element.
 */
export function computeBags(table: Float32Array | Uint16Array, dim: number, batch: FeatureBatch): Float32Array {
  const { size, width, ids, weights } = batch;
  const bags = new Float32Array(size * dim);
  const half = table instanceof Uint16Array ? float16Table() : undefined;
  for (let row = 0; row < size; row++) {
    const out = row * dim;
    for (let k = row * width, end = k + width; k < end; k++) {
      const w = weights[k] as number;
      if (w === 0) continue;
      const base = (ids[k] as number) * dim;
      if (half)
        for (let j = 0; j < dim; j++)
          bags[out + j] = (bags[out + j] as number) + w * (half[table[base + j] as number] as number);
      else for (let j = 0; j < dim; j++) bags[out + j] = (bags[out + j] as number) + w * (table[base + j] as number);
    }
  }
  return bags;
}

/**
 * The same bags for unpadded feature lists, each weighted 1/sqrt(its length) as `toFeatureBatch` weighs
 * them: what the API scores. No padded [batch, width] arrays are built (at a micro-batch of 32 they were most of the
 * bytes a request allocated); each row's features are summed in float64, then scaled once.
 */
export function computeBagsOfRows(
  table: Float32Array | Uint16Array,
  dim: number,
  rows: readonly Int32Array[],
): Float32Array {
  const bags = new Float32Array(rows.length * dim);
  if (sum.length < dim) sum = new Float64Array(dim);
  const half = table instanceof Uint16Array ? float16Table() : undefined;
  for (let row = 0; row < rows.length; row++) {
    const ids = rows[row] as Int32Array;
    if (ids.length === 0) continue;
    sum.fill(0, 0, dim);
    if (half) sumHalfRows(sum, table as Uint16Array, half, dim, ids);
    else sumFloatRows(sum, table as Float32Array, dim, ids);
    const w = Math.fround(1 / Math.sqrt(ids.length));
    for (let j = 0, out = row * dim; j < dim; j++) bags[out + j] = w * (sum[j] as number);
  }
  return bags;
}

/** The float64 row sum of computeBagsOfRows, reused (grown to the widest embedding seen). */
let sum = new Float64Array(64);

// Two monomorphic row-sum kernels (one element type each), adding four embedding rows per pass over the sum: a
// quarter of its loads and stores, and four independent row reads in flight; ~2-3× faster than one row per pass
// here (docs/benchmarks.md).

function sumHalfRows(acc: Float64Array, table: Uint16Array, half: Float32Array, dim: number, ids: Int32Array) {
  let k = 0;
  for (; k + 3 < ids.length; k += 4) {
    const b1 = (ids[k] as number) * dim;
    const b2 = (ids[k + 1] as number) * dim;
    const b3 = (ids[k + 2] as number) * dim;
    const b4 = (ids[k + 3] as number) * dim;
    for (let j = 0; j < dim; j++)
      acc[j] =
        (acc[j] as number) +
        ((half[table[b1 + j] as number] as number) + (half[table[b2 + j] as number] as number)) +
        ((half[table[b3 + j] as number] as number) + (half[table[b4 + j] as number] as number));
  }
  for (; k < ids.length; k++) {
    const base = (ids[k] as number) * dim;
    for (let j = 0; j < dim; j++) acc[j] = (acc[j] as number) + (half[table[base + j] as number] as number);
  }
}

function sumFloatRows(acc: Float64Array, table: Float32Array, dim: number, ids: Int32Array) {
  let k = 0;
  for (; k + 3 < ids.length; k += 4) {
    const b1 = (ids[k] as number) * dim;
    const b2 = (ids[k + 1] as number) * dim;
    const b3 = (ids[k + 2] as number) * dim;
    const b4 = (ids[k + 3] as number) * dim;
    for (let j = 0; j < dim; j++)
      acc[j] =
        (acc[j] as number) +
        ((table[b1 + j] as number) + (table[b2 + j] as number)) +
        ((table[b3 + j] as number) + (table[b4 + j] as number));
  }
  for (; k < ids.length; k++) {
    const base = (ids[k] as number) * dim;
    for (let j = 0; j < dim; j++) acc[j] = (acc[j] as number) + (table[base + j] as number);
  }
}
