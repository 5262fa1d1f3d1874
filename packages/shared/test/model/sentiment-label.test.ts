import { isPositive, labelOf, POSITIVE_THRESHOLD, SENTIMENT_LABELS } from '../../src/model/sentiment-label.js';

describe('the label rule shared by the API and the trainer evaluation', () => {
  it.each([
    [0, false, 'negative'],
    [0.4999, false, 'negative'],
    [POSITIVE_THRESHOLD, true, 'positive'],
    [0.5001, true, 'positive'],
    [1, true, 'positive'],
  ] as const)('probability %p: positive=%p, label %p', (probability, positive, label) => {
    expect(isPositive(probability)).toBe(positive);
    expect(labelOf(probability)).toBe(label);
  });

  it('orders the labels as the model output: index 1 is the probability scored', () => {
    expect(SENTIMENT_LABELS[Number(isPositive(1))]).toBe('positive');
    expect(SENTIMENT_LABELS[Number(isPositive(0))]).toBe('negative');
  });
});
