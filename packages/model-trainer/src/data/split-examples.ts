import type { Example } from './parse-row.js';

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place with the given random source. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Seeded train/validation split: the validation share comes from a shuffled copy. */
export function splitExamples(
  examples: readonly Example[],
  validationShare: number,
  seed: number,
): { train: Example[]; validation: Example[] } {
  const shuffled = shuffleInPlace([...examples], seededRandom(seed));
  const size = Math.max(1, Math.round(shuffled.length * validationShare));
  return { validation: shuffled.slice(0, size), train: shuffled.slice(size) };
}
