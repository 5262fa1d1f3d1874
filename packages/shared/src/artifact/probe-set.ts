/**
 * A fixed set of texts every candidate version scores before it may serve: publishing records their scores
 * in the metadata, and the API checks a loaded version reproduces them (so truncated, NaN or mis-wired
 * weights are caught before a client sees them).
 */
export const PROBE_TEXTS: readonly string[] = [
  'A wonderful, moving film.',
  'The plot was dull and the acting was terrible.',
  'It was not good.',
  'An absolute delight from start to finish!',
  "I didn't like it at all.",
  'ok',
  'The cast is great but the story goes nowhere.',
  '',
];

/** Largest difference allowed between a recorded probe score and the served one (backends differ in rounding). */
export const PROBE_TOLERANCE = 1e-3;

/** The probe texts and the probability of "positive" the model gave each at publish time. */
export interface ProbeScores {
  readonly texts: readonly string[];
  readonly scores: readonly number[];
}
