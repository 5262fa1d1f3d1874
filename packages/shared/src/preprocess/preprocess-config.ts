/** How text becomes model input; saved inside every model artifact so serving reproduces training. */
export interface PreprocessConfig {
  /** Bumped when the algorithm changes incompatibly; the API refuses artifacts it cannot reproduce. */
  readonly algorithm: 'hashed-ngrams-v1';
  /** Hash buckets; feature ids are 1..buckets (0 is padding). */
  readonly buckets: number;
  /** Word n-gram orders, e.g. [1, 2] for unigrams and bigrams. */
  readonly wordNgrams: readonly number[];
  /** Character n-gram sizes within words [min, max], or null for none. */
  readonly charNgrams: readonly [number, number] | null;
  /** Prefix tokens after a negation with NOT_ until the end of the clause. */
  readonly negation: boolean;
  /** At most this many features per text (longer texts keep the first ones). */
  readonly maxFeatures: number;
}

/** The defaults: tuned on SST-2 (see docs/benchmarks.md). */
export const DEFAULT_PREPROCESS: PreprocessConfig = {
  algorithm: 'hashed-ngrams-v1',
  buckets: 2 ** 18,
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  negation: true,
  maxFeatures: 2048,
};

/** Checks a config read from an artifact; returns the problems (empty when usable). */
export function checkPreprocessConfig(value: unknown): string[] {
  const c = value as Partial<PreprocessConfig> | null;
  if (!c || typeof c !== 'object') return ['preprocess config is not an object'];
  const problems: string[] = [];
  if (c.algorithm !== 'hashed-ngrams-v1')
    problems.push(`algorithm ${JSON.stringify(c.algorithm)} is not supported (supported: hashed-ngrams-v1)`);
  if (!Number.isInteger(c.buckets) || (c.buckets ?? 0) < 1)
    problems.push(`buckets ${JSON.stringify(c.buckets)} must be a positive integer`);
  if (!Array.isArray(c.wordNgrams) || !c.wordNgrams.every((n) => Number.isInteger(n) && n >= 1))
    problems.push('wordNgrams must be a list of orders >= 1');
  if (c.charNgrams !== null && !(Array.isArray(c.charNgrams) && c.charNgrams.length === 2))
    problems.push('charNgrams must be [min, max] or null');
  if (typeof c.negation !== 'boolean') problems.push('negation must be true or false');
  if (!Number.isInteger(c.maxFeatures) || (c.maxFeatures ?? 0) < 1)
    problems.push('maxFeatures must be a positive integer');
  return problems;
}
