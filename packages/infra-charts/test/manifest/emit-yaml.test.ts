import { CORE_SCHEMA, load, YAML11_SCHEMA } from 'js-yaml';
import { parse } from 'yaml';
import { emitYaml } from '../../src/manifest/emit-yaml.js';
import { HOSTILE_STRINGS, hostileDocument } from './hostile-strings.js';

/**
 * The readers that must all give back what was written: js-yaml with the YAML 1.2 core schema (strict: it rejects
 * duplicate keys and the non-printable characters kubectl's Go parser rejects), js-yaml with the YAML 1.1 schema
 * (kubectl resolves `yes`, `on`, `0o17`, `1:30` the 1.1 way), and the `yaml` package (YAML 1.2).
 */
const READERS: ReadonlyArray<readonly [string, (text: string) => unknown]> = [
  ['YAML 1.2 core, strict (js-yaml)', (text) => load(text, { schema: CORE_SCHEMA })],
  ['YAML 1.1, as kubectl resolves (js-yaml)', (text) => load(text, { schema: YAML11_SCHEMA })],
  ['YAML 1.2 (yaml package)', (text) => parse(text, { strict: true, uniqueKeys: true })],
];

describe('emitYaml', () => {
  describe.each(READERS)('read back by %s', (_reader, read) => {
    it.each(HOSTILE_STRINGS.map(([what, s]) => [what, JSON.stringify(s).slice(0, 40), s] as const))(
      '%s %s: the same string as a value, a key and a list item',
      (_what, _shown, s) => {
        const doc = { value: s, list: [s, { nested: s }], ...(s.length <= 1024 ? { [s]: 'as key' } : {}) };
        expect(read(emitYaml(doc))).toEqual(doc);
      },
    );

    it('reads back the whole hostile document', () => {
      expect(read(emitYaml(hostileDocument()))).toEqual(hostileDocument());
    });

    it.each<[string, unknown]>([
      ['numbers and booleans', { a: 1, b: 0.5, c: true, d: false, e: null, f: -3, g: 1e21, h: 1e-7 }],
      ['empty collections', { a: {}, b: [], c: [{}], d: [[]], e: [[1, [2]], []] }],
      ['nested lists of maps', { items: [{ name: 'x', ports: [{ port: 53, protocol: 'UDP' }] }, { name: 'y' }] }],
      ['lists of scalars', { a: ['Ingress', 'Egress'], b: [1, 'two', false, null] }],
    ])('round-trips %s', (_name, value) => {
      expect(read(emitYaml(value))).toEqual(value);
    });
  });

  it('writes no raw control, DEL, C1 or line-separator character, whatever the input', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(emitYaml(hostileDocument())).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/);
  });

  it('writes kubectl-safe identifiers plain and everything ambiguous quoted', () => {
    expect(emitYaml({ a: 'tenant-a', b: 'app.kubernetes.io/name', c: 'yes', d: 'key:', e: '0o17', f: '\u007f' })).toBe(
      'a: tenant-a\nb: app.kubernetes.io/name\nc: "yes"\nd: "key:"\ne: "0o17"\nf: "\\u007F"\n',
    );
  });

  it('puts apiVersion, kind and metadata first and sorts the other keys', () => {
    const text = emitYaml({ spec: { z: 1, a: 2 }, metadata: { name: 'x' }, kind: 'K', apiVersion: 'v1', data: {} });
    expect(text).toBe('apiVersion: v1\nkind: K\nmetadata:\n  name: x\ndata: {}\nspec:\n  a: 2\n  z: 1\n');
  });

  it('writes multi-line strings as block literals for readable diffs, and quotes those a literal would change', () => {
    expect(emitYaml({ rules: 'groups:\n  - name: x\n' })).toBe('rules: |\n  groups:\n    - name: x\n');
    expect(emitYaml({ a: 'x\n\u007f\n' })).toBe('a: "x\\n\\u007F\\n"\n');
  });

  it.each([
    ['a lone surrogate', { a: 'x\ud800y' }, /lone UTF-16 surrogate, which UTF-8 cannot encode; remove it/],
    ['a key longer than YAML allows', { ['k'.repeat(1100)]: 1 }, /1100 characters long, YAML allows 1024; shorten it/],
  ])('refuses %s with a message naming it and the fix', (_what, doc, message) => {
    expect(() => emitYaml(doc)).toThrow(message);
  });
});
