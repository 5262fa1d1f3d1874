import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of two digests: time depends only on the length, never on where they differ.
 * Different lengths are unequal (a digest's length is public: SHA-256 is always 32 bytes).
 */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
