/**
 * A small, deterministic YAML emitter for JSON data: keys sorted (apiVersion, kind, metadata first at
 * the top), plain scalars only where YAML 1.1 (kubectl's Go parser) and 1.2 both read them back unchanged,
 * block literals for multi-line strings, double-quoted strings otherwise, with every character a YAML
 * reader may reject or fold escaped (C0/C1 controls, DEL, NEL, U+2028/2029, BOM, U+FFFE/FFFF).
 * Faster than the `yaml` package's stringify on manifests (docs/benchmarks.md), which matters at 1000 tenants.
 */
const TOP_KEYS = ['apiVersion', 'kind', 'metadata'];
/** Letters, digits and `_./:@-`, not starting with a digit or an indicator, not ending with `:`. */
const PLAIN = /^[A-Za-z_/][\w./:@-]*$/;
/** YAML 1.1 booleans and nulls (any case) and the special floats' names: plain, these would not stay strings. */
const RESERVED = /^(y|yes|n|no|true|false|on|off|null|~|nan|inf)$/i;
/** Characters a double-quoted YAML string must escape beyond what JSON escapes, or that no YAML reader keeps. */
const UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
/** Anything that must not appear raw in a block literal: controls but tab and newline, and the above. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NOT_LITERAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
/** A UTF-16 surrogate without its pair: not representable in UTF-8, so in no YAML file. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** YAML limits implicit keys to 1024 characters; Kubernetes keys are far shorter (at most 253 + 63). */
const MAX_KEY_LENGTH = 1024;
const PADS: string[] = [];
const SCALARS = new Map<string, string>();

const pad = (n: number): string => {
  let p = PADS[n];
  if (p === undefined) {
    p = ' '.repeat(n);
    PADS[n] = p;
  }
  return p;
};

/** Renders one JSON document as YAML (without the leading `---`). */
export function emitYaml(doc: unknown): string {
  if (doc === null || typeof doc !== 'object') return `${scalar(doc)}\n`;
  if (isEmpty(doc)) return `${Array.isArray(doc) ? '[]' : '{}'}\n`;
  const out: string[] = [];
  if (Array.isArray(doc)) emitList(doc, 0, out);
  else emitMap(doc as Record<string, unknown>, 0, true, pad(0), out);
  return out.join('');
}

/** A double-quoted YAML string: JSON's escapes (valid YAML escapes) plus `\\uXXXX` for {@link UNSAFE}. */
function quote(value: string): string {
  if (LONE_SURROGATE.test(value))
    throw new Error(
      `cannot write ${JSON.stringify(value.slice(0, 40))} as YAML: it holds a lone UTF-16 surrogate, which UTF-8 cannot encode; remove it from the config`,
    );
  return JSON.stringify(value).replace(
    UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  if (typeof value === 'number') {
    const text = String(value);
    // YAML 1.1 floats need a dot: `1e+21` would read back as a string there, `1.0e+21` is a float in 1.1 and 1.2.
    return text.includes('e') && !text.includes('.') ? text.replace('e', '.0e') : text;
  }
  if (typeof value !== 'string') return String(value);
  let text = SCALARS.get(value);
  if (text === undefined) {
    text = PLAIN.test(value) && !value.endsWith(':') && !RESERVED.test(value) ? value : quote(value);
    if (SCALARS.size < 100_000) SCALARS.set(value, text);
  }
  return text;
}

function key(value: string): string {
  if (value.length > MAX_KEY_LENGTH)
    throw new Error(
      `cannot write the key ${JSON.stringify(`${value.slice(0, 40)}…`)} as YAML: it is ${value.length} characters long, YAML allows ${MAX_KEY_LENGTH}; shorten it`,
    );
  return scalar(value);
}

/** Block literal only for text it keeps byte for byte: no CR, no leading or line-trailing blanks, nothing escaped. */
function isMultiline(value: string): boolean {
  return (
    value.includes('\n') &&
    !value.includes('\r') &&
    !/^\s/.test(value) &&
    !/[ \t]\n/.test(value) &&
    !/[ \t]$/.test(value) &&
    !NOT_LITERAL.test(value)
  );
}

function blockLiteral(text: string, indent: number, out: string[]): void {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  out.push(`|${text.endsWith('\n') ? (body.endsWith('\n') ? '+' : '') : '-'}\n`);
  for (const line of body.split('\n')) out.push(line ? `${pad(indent)}${line}\n` : '\n');
}

function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const _ in value) return false;
  return true;
}

/** The value after `key:` or `-`: inline scalar, `{}`/`[]`, block literal, or a nested block on new lines. */
function emitChild(value: unknown, indent: number, prefix: string, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string' && isMultiline(value)) {
      out.push(prefix, ' ');
      blockLiteral(value, indent + 2, out);
    } else out.push(prefix, ' ', scalar(value), '\n');
  } else if (isEmpty(value)) out.push(prefix, Array.isArray(value) ? ' []\n' : ' {}\n');
  else {
    out.push(prefix, '\n');
    if (Array.isArray(value)) emitList(value, indent + 2, out);
    else emitMap(value as Record<string, unknown>, indent + 2, false, pad(indent + 2), out);
  }
}

/** `firstPrefix` replaces the indentation of the first key: a map inside a list starts after its dash. */
function emitMap(obj: Record<string, unknown>, indent: number, top: boolean, firstPrefix: string, out: string[]): void {
  const keys = Object.keys(obj).sort();
  const ordered = top ? [...TOP_KEYS.filter((k) => k in obj), ...keys.filter((k) => !TOP_KEYS.includes(k))] : keys;
  let first = true;
  for (const name of ordered) {
    const value = obj[name];
    if (value === undefined) continue;
    emitChild(value, indent, `${first ? firstPrefix : pad(indent)}${key(name)}:`, out);
    first = false;
  }
}

function emitList(list: readonly unknown[], indent: number, out: string[]): void {
  for (const item of list) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && !isEmpty(item)) {
      emitMap(item as Record<string, unknown>, indent + 2, false, `${pad(indent)}- `, out);
    } else if (Array.isArray(item) && item.length > 0) {
      out.push(pad(indent), '-\n');
      emitList(item, indent + 2, out);
    } else emitChild(item, indent, `${pad(indent)}-`, out);
  }
}
