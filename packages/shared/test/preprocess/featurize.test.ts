import { featurize, fnv1a } from '../../src/preprocess/featurize.js';
import {
  checkPreprocessConfig,
  DEFAULT_PREPROCESS,
  type PreprocessConfig,
} from '../../src/preprocess/preprocess-config.js';
import { toFeatureBatch } from '../../src/preprocess/to-batch.js';

const small: PreprocessConfig = { ...DEFAULT_PREPROCESS, buckets: 1000, charNgrams: null, negation: false };

describe('featurize', () => {
  it('hashes with FNV-1a (stable across platforms)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });

  it('gives distinct ids in 1..buckets for unigrams and bigrams', () => {
    const ids = featurize('good good movie', small);
    expect(ids.length).toBe(4); // good, movie, "good good", "good movie"
    for (const id of ids) expect(id >= 1 && id <= 1000).toBe(true);
  });

  it('is deterministic and independent of surrounding whitespace and case', () => {
    expect(featurize('  Great   Film ', DEFAULT_PREPROCESS)).toEqual(featurize('great film', DEFAULT_PREPROCESS));
  });

  it('caps the number of features', () => {
    expect(featurize('a b c d e f g h', { ...small, maxFeatures: 3 }).length).toBe(3);
  });

  it('gives no features for empty text', () => {
    expect(featurize('   ', DEFAULT_PREPROCESS).length).toBe(0);
  });
});

describe('toFeatureBatch', () => {
  it('pads to the longest row with id 0 and weight 0, weighting real features 1/sqrt(n)', () => {
    const batch = toFeatureBatch([Int32Array.of(5, 6, 7, 8), Int32Array.of(9), new Int32Array(0)]);
    expect(batch).toMatchObject({ size: 3, width: 4 });
    expect([...batch.ids]).toEqual([5, 6, 7, 8, 9, 0, 0, 0, 0, 0, 0, 0]);
    expect([...batch.weights]).toEqual([0.5, 0.5, 0.5, 0.5, 1, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('checkPreprocessConfig', () => {
  it('accepts the default and lists every problem of a bad one', () => {
    expect(checkPreprocessConfig(DEFAULT_PREPROCESS)).toEqual([]);
    expect(
      checkPreprocessConfig({
        algorithm: 'bpe',
        buckets: 0,
        wordNgrams: [0],
        charNgrams: 'x',
        negation: 1,
        maxFeatures: -1,
      }),
    ).toHaveLength(6);
  });
});
