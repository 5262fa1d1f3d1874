import { computeMetrics } from '../../src/train/evaluate.js';
import { dropFeatures } from '../../src/train/train-model.js';

describe('computeMetrics', () => {
  it('computes accuracy, precision, recall, F1 and the confusion matrix at 0.5', () => {
    const m = computeMetrics([1, 1, 1, 0, 0, 0], [0.9, 0.6, 0.2, 0.4, 0.7, 0.1]);
    expect(m.confusionMatrix).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(m.accuracy).toBeCloseTo(4 / 6);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
  });

  it('returns zeros instead of NaN when a class is never predicted', () => {
    const m = computeMetrics([0, 0], [0.1, 0.2]);
    expect(m).toMatchObject({ accuracy: 1, precision: 0, recall: 0, f1: 0 });
  });
});

describe('dropFeatures', () => {
  it('keeps everything at share 0 and at least one feature at any share', () => {
    const f = Int32Array.of(1, 2, 3);
    expect(dropFeatures(f, 0, Math.random)).toBe(f);
    expect(dropFeatures(f, 0.999, () => 0).length).toBe(1);
  });
});
