import { parse } from 'yaml';
import { emitYaml } from '../../src/synth/emit-yaml.js';

describe('emitYaml', () => {
  it.each<[string, unknown]>([
    ['plain strings', { a: 'hello', b: 'with-dash_and.dot/slash' }],
    ['strings YAML would misread', { a: 'true', b: 'no', c: '0.1.0', d: '8000', e: '', f: 'null', g: '~', h: 'on' }],
    [
      'special characters',
      { a: 'a: b', b: '#comment', c: '- item', d: "quote'd", e: 'tab\there', f: '{x}', g: '*alias' },
    ],
    ['numbers and booleans', { a: 1, b: 0.5, c: true, d: false, e: null }],
    ['empty collections', { a: {}, b: [], c: [{}], d: [[]] }],
    ['nested lists of maps', { items: [{ name: 'x', ports: [{ port: 53, protocol: 'UDP' }] }, { name: 'y' }] }],
    [
      'multi-line strings',
      {
        a: 'line one\nline two\n',
        b: 'no trailing\nnewline',
        c: 'two trailing\n\n',
        d: ' leading space\nx',
        e: 'trailing space \nx',
      },
    ],
    ['lists of scalars', { a: ['Ingress', 'Egress'], b: [1, 'two', false] }],
  ])('round-trips %s', (_name, value) => {
    expect(parse(emitYaml(value))).toEqual(value);
  });

  it('puts apiVersion, kind and metadata first and sorts the other keys', () => {
    const text = emitYaml({ spec: { z: 1, a: 2 }, metadata: { name: 'x' }, kind: 'K', apiVersion: 'v1', data: {} });
    expect(text).toBe('apiVersion: v1\nkind: K\nmetadata:\n  name: x\ndata: {}\nspec:\n  a: 2\n  z: 1\n');
  });

  it('writes multi-line strings as block literals for readable diffs', () => {
    expect(emitYaml({ rules: 'groups:\n  - name: x\n' })).toBe('rules: |\n  groups:\n    - name: x\n');
  });
});
