import type { PreprocessConfig } from './preprocess-config.js';
import { markNegation, tokenize } from './tokenize.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a: fast, stable across platforms and Node versions, no dependency. */
export function fnv1a(text: string): number {
  return fnvUpdate(FNV_OFFSET, text) >>> 0;
}

/** Continues an FNV-1a hash with more characters, so n-grams hash without building strings. */
function fnvUpdate(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Turns a text into its distinct hashed feature ids (1..buckets), in first-seen order. A feature is the
 * FNV-1a hash of its string form (`word`, `2|w1 w2`, `#<ch`), computed incrementally: no substring is
 * allocated, which matters on the API's hot path.
 */
export function featurize(text: string, config: PreprocessConfig): Int32Array {
  const raw = tokenize(text);
  const tokens = config.negation ? markNegation(raw) : raw;
  const { buckets, maxFeatures } = config;
  const seen = scratchSet(maxFeatures);
  const add = (hash: number) => {
    if (seen.size < maxFeatures) seen.add(((hash >>> 0) % buckets) + 1);
  };
  for (const n of config.wordNgrams) {
    const prefix = n === 1 ? FNV_OFFSET : fnvUpdate(FNV_OFFSET, `${n}|`);
    for (let i = 0; i + n <= tokens.length; i++) {
      let h = prefix;
      for (let k = 0; k < n; k++) h = fnvUpdate(k === 0 ? h : Math.imul(h ^ 32, FNV_PRIME), tokens[i + k] as string);
      add(h);
    }
  }
  if (config.charNgrams) {
    const [min, max] = config.charNgrams;
    const start = Math.imul(FNV_OFFSET ^ 35, FNV_PRIME); // '#'
    for (const token of raw) {
      const word = `<${token}>`;
      for (let i = 0; i + min <= word.length; i++) {
        let h = start;
        for (let n = 1; n <= max && i + n <= word.length; n++) {
          h = Math.imul(h ^ word.charCodeAt(i + n - 1), FNV_PRIME);
          if (n >= min) add(h);
        }
      }
    }
  }
  return seen.take();
}

/**
 * A reusable open-addressing set of positive ints, in insertion order: featurize runs once per request,
 * and a fresh `Set` per call costs more than the hashing itself. Safe because featurize is synchronous.
 */
class IdSet {
  size = 0;
  private readonly slots: Int32Array;
  private readonly order: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots);
    this.order = new Int32Array(capacity);
    this.mask = slots - 1;
  }

  add(id: number): void {
    let i = Math.imul(id, 0x9e3779b1) & this.mask;
    for (;;) {
      const slot = this.slots[i] as number;
      if (slot === id) return;
      if (slot === 0) break;
      i = (i + 1) & this.mask;
    }
    this.slots[i] = id;
    this.order[this.size++] = id;
  }

  /** Empties the set (at the start of each use, so an earlier failure cannot leak ids into this one). */
  clear(): void {
    if (this.size > 0) this.slots.fill(0);
    this.size = 0;
  }

  /** The ids in insertion order. */
  take(): Int32Array {
    return this.order.slice(0, this.size);
  }
}

let scratch: IdSet | undefined;
let scratchCapacity = 0;

function scratchSet(capacity: number): IdSet {
  if (!scratch || scratchCapacity !== capacity) {
    scratch = new IdSet(capacity);
    scratchCapacity = capacity;
  }
  scratch.clear();
  return scratch;
}
