import { isQuantity, parseQuantity } from '../../src/config/quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['100m', 0.1],
    ['1', 1],
    ['0.5', 0.5],
    ['2k', 2000],
    ['256Mi', 256 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['512M', 512e6],
  ])('reads %s as %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it.each(['', 'abc', '1 Gi', '-1', '1.5.2', 'Gi', '100mm'])('rejects %p', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
    expect(isQuantity(text)).toBe(false);
  });
});
