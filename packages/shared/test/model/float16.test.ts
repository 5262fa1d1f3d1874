import { decodeFloat16, encodeFloat16, toFloat16Bits } from '../../src/model/float16.js';

describe('half precision: how a float16 embedding table is stored and read', () => {
  it.each([
    [0, 0x0000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [1 / 3, 0x3555],
    [65504, 0x7bff], // the largest half
    [65520, 0x7c00], // rounds up to Infinity
    [2 ** -14, 0x0400], // the smallest normal
    [2 ** -24, 0x0001], // the smallest subnormal
    [2 ** -25, 0x0000], // halfway to 0: ties to even
    [3 * 2 ** -25, 0x0002], // halfway between subnormals 1 and 2: ties to even
    [1 + 2 ** -11, 0x3c00], // halfway: ties to even (down)
    [1 + 3 * 2 ** -11, 0x3c02], // halfway: ties to even (up)
    [Number.POSITIVE_INFINITY, 0x7c00],
    [Number.NEGATIVE_INFINITY, 0xfc00],
  ])('encodes %p as 0x%s', (value, bits) => {
    expect(toFloat16Bits(value).toString(16)).toBe(bits.toString(16));
  });

  it('keeps NaN a NaN', () => {
    expect(decodeFloat16(encodeFloat16(Float32Array.from([Number.NaN])))[0]).toBeNaN();
  });

  it('round-trips embedding-sized values within half an ulp (2^-11 relative), and exactly once rounded', () => {
    const values = Float32Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 0.3);
    const once = decodeFloat16(encodeFloat16(values));
    const worst = Math.max(
      ...Array.from(values, (v, i) => Math.abs((once[i] as number) - v) / Math.max(Math.abs(v), 2 ** -14)),
    );
    expect(worst).toBeLessThanOrEqual(2 ** -11);
    expect(Array.from(decodeFloat16(encodeFloat16(once)))).toEqual(Array.from(once));
  });
});
