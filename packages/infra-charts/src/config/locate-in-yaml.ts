import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** Where a config path (`tenants[1].labels.app.kubernetes.io/name`) is in the YAML text, 1-based. */
export interface YamlPosition {
  readonly line: number;
  readonly column: number;
}

/** Indexes a YAML text so problem paths can be turned into line and column. */
export function indexYaml(text: string): (path: string) => YamlPosition | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  return (path) => {
    const offset = locate(doc.contents as Node | null, path);
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** Follows the path as far as the document goes; returns the offset of the deepest key or item reached. */
function locate(root: Node | null, path: string): number | undefined {
  let node: Node | null = root;
  let rest = path === '(root)' ? '' : path;
  let offset = node?.range?.[0];
  while (rest && node) {
    const index = /^\[(\d+)\]\.?/.exec(rest);
    if (index && isSeq(node)) {
      const item = node.items[Number(index[1])] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
      rest = rest.slice(index[0].length);
      continue;
    }
    if (!isMap(node)) break;
    // Keys may hold dots (label keys): take the longest key that the rest of the path starts with.
    const remaining = rest;
    const pair = node.items
      .filter((p) => isScalar(p.key) && startsWithKey(remaining, String(p.key.value)))
      .sort(
        (a, b) =>
          String((b.key as { value: unknown }).value).length - String((a.key as { value: unknown }).value).length,
      )[0];
    if (!pair || !isScalar(pair.key)) break;
    const key = String(pair.key.value);
    offset = pair.key.range?.[0] ?? offset;
    node = (pair.value as Node | null) ?? null;
    rest = rest.slice(key.length).replace(/^\./, '');
  }
  return offset;
}

function startsWithKey(path: string, key: string): boolean {
  return path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
}
