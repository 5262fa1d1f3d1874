import { parseLabel, parseRow, splitCsvLine } from '../../src/data/parse-row.js';

describe('parseRow', () => {
  it.each<[string, 'tsv' | 'csv' | 'jsonl', object]>([
    ['a fine film\t1', 'tsv', { text: 'a fine film', label: 1 }],
    ['dull\t0', 'tsv', { text: 'dull', label: 0 }],
    ['tab\tinside\tpositive', 'tsv', { text: 'tab\tinside', label: 1 }],
    ['"great, really",positive', 'csv', { text: 'great, really', label: 1 }],
    ['"she said ""meh""",negative', 'csv', { text: 'she said "meh"', label: 0 }],
    ['{"text":"lovely","label":1}', 'jsonl', { text: 'lovely', label: 1 }],
    ['{"sentence":"awful","label":"negative"}', 'jsonl', { text: 'awful', label: 0 }],
  ])('reads %p as %s', (line, format, expected) => {
    expect(parseRow(line, format)).toEqual(expected);
  });

  it.each<[string, 'tsv' | 'csv' | 'jsonl', RegExp]>([
    ['no label here', 'tsv', /expected text and label separated by a tab/],
    ['text\t2', 'tsv', /label "2" is not 0\/1 or negative\/positive/],
    ['\t1', 'tsv', /empty or missing text/],
    ['{"text":"x"', 'jsonl', /not valid JSON/],
    ['{"text":"x","label":"maybe"}', 'jsonl', /label "maybe"/],
    ['only-one-field', 'csv', /separated by a comma/],
  ])('reports %p as malformed', (line, format, reason) => {
    const row = parseRow(line, format);
    expect('error' in row && row.error).toMatch(reason);
  });
});

describe('parseLabel', () => {
  it.each([
    ['1', 1],
    ['0', 0],
    [' Positive ', 1],
    ['NEGATIVE', 0],
    [1, 1],
    ['yes', undefined],
    [0.5, undefined],
  ])('reads %p as %p', (value, expected) => {
    expect(parseLabel(value)).toBe(expected);
  });
});

describe('splitCsvLine', () => {
  it('handles quotes, escaped quotes and empty fields', () => {
    expect(splitCsvLine('a,"b,c","d ""e""",')).toEqual(['a', 'b,c', 'd "e"', '']);
  });
});
