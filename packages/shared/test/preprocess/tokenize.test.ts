import { markNegation, normalizeText, tokenize } from '../../src/preprocess/tokenize.js';

describe('normalizeText', () => {
  it.each([
    ["Didn't love it!", "did n't love it !"],
    ['  The   PLOT, sadly.  ', 'the plot , sadly .'],
    ["It's the film’s best", "it 's the film 's best"],
    ['“Quoted” (aside)', '" quoted " ( aside )'],
    ['', ''],
    ["it 's a charming and often affecting journey . ", "it 's a charming and often affecting journey ."],
  ])('normalizes %p to %p', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('gives raw text and GLUE-tokenized text the same tokens', () => {
    expect(tokenize("The movie wasn't good.")).toEqual(tokenize("the movie was n't good ."));
  });
});

describe('markNegation', () => {
  it('marks tokens after a negation up to the end of the clause', () => {
    expect(markNegation(tokenize("It wasn't good, but fun."))).toEqual([
      'it',
      'was',
      "n't",
      'NOT_good',
      ',',
      'but',
      'fun',
      '.',
    ]);
    expect(markNegation(['never', 'boring', 'never', 'dull'])).toEqual([
      'never',
      'NOT_boring',
      'NOT_never',
      'NOT_dull',
    ]);
  });
});
