import { labelsOf, labelsProblem } from '../../src/artifact/model-labels.js';

describe('the labels a version serves', () => {
  it.each<[string, { labels?: readonly [string, string] }, readonly string[]]>([
    ['recorded labels', { labels: ['bad', 'good'] }, ['bad', 'good']],
    ['an old version without labels: the shared default', {}, ['negative', 'positive']],
  ])('%s', (_name, metadata, expected) => {
    expect(labelsOf(metadata)).toEqual(expected);
  });

  it.each<[string, unknown, boolean]>([
    ['absent (old artifact)', undefined, true],
    ['two names', ['negative', 'positive'], true],
    ['the same name twice', ['good', 'good'], false],
    ['one name', ['good'], false],
    ['an empty name', ['', 'good'], false],
    ['a number', ['bad', 1], false],
    ['not a list', 'negative,positive', false],
    ['a name over 64 characters', ['bad', 'g'.repeat(65)], false],
  ])('labels %s: usable %s', (_name, labels, usable) => {
    const problem = labelsProblem(labels);
    if (usable) expect(problem).toBeUndefined();
    else
      expect(problem).toMatch(/^metadata labels .* must be two different non-empty names .*\["negative","positive"\]$/);
  });
});
