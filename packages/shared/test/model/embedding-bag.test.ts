import { computeBags, computeBagsOfRows } from '../../src/model/embedding-bag.js';
import { decodeFloat16, encodeFloat16 } from '../../src/model/float16.js';
import { toFeatureBatch } from '../../src/preprocess/to-batch.js';

/** The bag by definition: for each row, Σ weight × embedding row, summed in float64. */
function referenceBags(values: Float32Array, dim: number, features: readonly Int32Array[]): Float64Array {
  const out = new Float64Array(features.length * dim);
  features.forEach((ids, row) => {
    const w = ids.length > 0 ? 1 / Math.sqrt(ids.length) : 0;
    for (const id of ids)
      for (let j = 0; j < dim; j++)
        out[row * dim + j] = (out[row * dim + j] as number) + w * (values[id * dim + j] as number);
  });
  return out;
}

/** A deterministic table: rows × dim values in [-0.5, 0.5). */
function table(rows: number, dim: number): Float32Array {
  let seed = 7;
  return Float32Array.from({ length: rows * dim }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  });
}

const ROWS = 50;
const ids = (...values: number[]) => Int32Array.from(values);

// Rows of 0 to 9 features, so every remainder of the four-row passes and padding at every offset occur.
const features = [
  ids(),
  ids(3),
  ids(1, 2),
  ids(4, 5, 6),
  ids(7, 8, 9, 10),
  ids(11, 12, 13, 14, 15),
  ids(1, 1, 1, 1, 1, 1, 1, 1, 1),
];

describe('computeBags (the padded form the trainer trains on)', () => {
  it.each([
    ['float32', 3],
    ['float32', 8],
    ['float16', 3],
    ['float16', 32],
  ] as const)('%s table, dim %i: equals Σ weight × row for every row length (padding included)', (kind, dim) => {
    const values = table(ROWS, dim);
    const stored = kind === 'float16' ? encodeFloat16(values) : values;
    const exact = kind === 'float16' ? decodeFloat16(encodeFloat16(values)) : values;
    const bags = computeBags(stored, dim, toFeatureBatch(features));
    const expected = referenceBags(exact, dim, features);
    expect(bags).toHaveLength(expected.length);
    expect(Math.max(...Array.from(bags, (v, i) => Math.abs(v - (expected[i] as number))))).toBeLessThan(1e-6);
    // The empty row is all zeros.
    expect(Array.from(bags.subarray(0, dim))).toEqual(new Array(dim).fill(0));
  });

  it.each(['float32', 'float16'] as const)('%s: never reads the padding row (a NaN in row 0 stays out)', (kind) => {
    const values = table(ROWS, 4);
    values.fill(Number.NaN, 0, 4);
    const bags = computeBags(kind === 'float16' ? encodeFloat16(values) : values, 4, toFeatureBatch(features));
    expect(bags.every(Number.isFinite)).toBe(true);
  });

  it('weighs each feature by its own weight (not only the equal weights toFeatureBatch gives)', () => {
    const values = table(ROWS, 2);
    const batch = { size: 1, width: 6, ids: ids(1, 2, 3, 4, 5, 6), weights: Float32Array.from([1, 2, 3, 4, 5, 6]) };
    const expected = [0, 1].map((j) =>
      [1, 2, 3, 4, 5, 6].reduce((sum, id) => sum + id * (values[id * 2 + j] as number), 0),
    );
    const bags = computeBags(values, 2, batch);
    expect(Math.abs((bags[0] as number) - (expected[0] as number))).toBeLessThan(1e-5);
    expect(Math.abs((bags[1] as number) - (expected[1] as number))).toBeLessThan(1e-5);
  });
});

describe('computeBagsOfRows (unpadded, what the API scores)', () => {
  it.each([
    ['float32', 3],
    ['float16', 32],
  ] as const)('%s table, dim %i: the same bags as computeBags of the padded batch', (kind, dim) => {
    const values = table(ROWS, dim);
    const stored = kind === 'float16' ? encodeFloat16(values) : values;
    const rows = computeBagsOfRows(stored, dim, features);
    const padded = computeBags(stored, dim, toFeatureBatch(features));
    expect(rows).toHaveLength(padded.length);
    expect(Math.max(...Array.from(rows, (v, i) => Math.abs(v - (padded[i] as number))))).toBeLessThan(1e-6);
    expect(Array.from(rows.subarray(0, dim))).toEqual(new Array(dim).fill(0));
  });
});
