/**
 * Strings that break naive YAML emitters, by what they would turn into: YAML 1.1 booleans and nulls (kubectl's Go
 * parser), numbers in every base and notation, indicators, comment and mapping sequences, blanks at either end,
 * controls (C0, DEL, C1 — kubectl rejects them raw), Unicode line separators, multi-line text of every chomping.
 */
export const HOSTILE_STRINGS: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['space', ' '],
  ['leading space', ' lead'],
  ['trailing space', 'trail '],
  ['tab', '\t'],
  ['inner tab', 'a\tb'],
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF'].map(
    (s) => ['YAML 1.1 boolean', s] as const,
  ),
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].map((s) => ['boolean', s] as const),
  ...['null', 'Null', 'NULL', '~'].map((s) => ['null-like', s] as const),
  ...[
    '0',
    '7',
    '007',
    '0o17',
    '0x1F',
    '0X1f',
    '0b101',
    '1_000',
    '-1',
    '+1',
    '1e3',
    '1E+3',
    '1.5',
    '.5',
    '5.',
    '-0',
  ].map((s) => ['number-looking', s] as const),
  ...['1:30', '190:20:30.15', '-1:30'].map((s) => ['sexagesimal', s] as const),
  ...['.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', 'nan', 'inf', 'Infinity', 'NaN'].map(
    (s) => ['special float', s] as const,
  ),
  ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '1.0.0', '0.1.0'].map((s) => ['timestamp or version', s] as const),
  ...[': ', 'a: b', 'a:', 'key:', 'a::', 'a :b', ':a', 'a #b', '#comment', 'a#b', 'a # b'].map(
    (s) => ['mapping or comment', s] as const,
  ),
  ...['-', '- x', '-x', '?', '? x', '&anchor', '*alias', '!tag', '!!str', '|', '>', '%YAML', '@at', '`tick'].map(
    (s) => ['leading indicator', s] as const,
  ),
  ...['"quoted"', "'single'", "it's", '{a}', '[a]', ',', 'a,b', '---', '...', '<<', '=', 'a\\b', '\\'].map(
    (s) => ['quote, flow or marker', s] as const,
  ),
  ...['\u0000', '\u0001', '\u0007', '\b', '\f', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f'].map(
    (s) => ['control character', `x${s}y`] as const,
  ),
  ['DEL alone (a Grafana refId past "Z")', String.fromCharCode(127)],
  ['C1 alone', String.fromCharCode(0x90)],
  ...['\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', 'é', '日本', '🙂'].map(
    (s) => ['unicode', `a${s}b`] as const,
  ),
  ['multi-line, trailing newline', 'line one\nline two\n'],
  ['multi-line, no trailing newline', 'a\nb'],
  ['multi-line, two trailing newlines', 'a\n\n'],
  ['multi-line, three trailing newlines', 'a\n\n\n'],
  ['multi-line, leading newline', '\nlead'],
  ['multi-line, leading space', '  a\nb'],
  ['multi-line, blank-trailing line', 'a \nb'],
  ['multi-line, blank last line', 'a\nb '],
  ['multi-line, CRLF', 'a\r\nb'],
  ['CR alone', 'a\rb'],
  ['multi-line, indented second line', 'a\n  b\n'],
  ['multi-line, comment and markers', 'a\n# not a comment\n---\n...\n- x\nk: v\n'],
  ['multi-line with DEL', 'x\n\u007f\n'],
  ['multi-line with a tab', 'a\n\tb\n'],
  ['multi-line with U+2028', 'line\u2028two\nthree'],
  ['newline only', '\n'],
  ['long', 'x'.repeat(5000)],
];

/** One object holding each hostile string as a value, as a key, and in a list, named after its row. */
export function hostileDocument(): Record<string, unknown> {
  return {
    apiVersion: 'example.com/v1',
    kind: 'Hostile',
    metadata: { name: 'hostile' },
    spec: {
      values: Object.fromEntries(HOSTILE_STRINGS.map(([, s], i) => [`v${i}`, s])),
      keys: Object.fromEntries(HOSTILE_STRINGS.filter(([, s]) => s.length <= 1024).map(([, s], i) => [s, `k${i}`])),
      list: HOSTILE_STRINGS.map(([, s]) => s),
    },
  };
}
