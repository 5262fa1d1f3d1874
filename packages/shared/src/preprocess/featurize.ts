import type { PreprocessConfig } from './preprocess-config.js';
import { markNegation, tokenize } from './tokenize.js';

/** 32-bit FNV-1a: fast, stable across platforms and Node versions, no dependency. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Turns a text into its distinct hashed feature ids (1..buckets), in first-seen order. */
export function featurize(text: string, config: PreprocessConfig): Int32Array {
  const raw = tokenize(text);
  const tokens = config.negation ? markNegation(raw) : raw;
  const seen = new Set<number>();
  const add = (feature: string) => {
    if (seen.size < config.maxFeatures) seen.add((fnv1a(feature) % config.buckets) + 1);
  };
  for (const n of config.wordNgrams) {
    for (let i = 0; i + n <= tokens.length; i++)
      add(n === 1 ? (tokens[i] as string) : `${n}|${tokens.slice(i, i + n).join(' ')}`);
  }
  if (config.charNgrams) {
    const [min, max] = config.charNgrams;
    for (const token of raw) {
      const word = `<${token}>`;
      for (let n = min; n <= max; n++) for (let i = 0; i + n <= word.length; i++) add(`#${word.slice(i, i + n)}`);
    }
  }
  return Int32Array.from(seen);
}
