import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const SRC = join(import.meta.dirname, '../../src');

/** A file's room: its folder under src/; files directly in src/ are leaf constants (`index.ts` only re-exports). */
const roomOf = (file: string) => (file.includes('/') ? (file.split('/')[0] ?? '') : `(leaf) ${file}`);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** room -> room -> the files that make the edge, from the relative imports of src/ (index.ts left out). */
function roomEdges(): Map<string, Map<string, string[]>> {
  const edges = new Map<string, Map<string, string[]>>();
  for (const path of sourceFiles(SRC)) {
    const file = relative(SRC, path);
    if (file === 'index.ts') continue;
    for (const [, spec] of readFileSync(path, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = normalize(join(dirname(file), spec ?? ''));
      const [from, to] = [roomOf(file), roomOf(target)];
      if (from === to) continue;
      const out = edges.get(from) ?? new Map<string, string[]>();
      out.set(to, [...(out.get(to) ?? []), file]);
      edges.set(from, out);
    }
  }
  return edges;
}

/** Pairs of rooms that import each other, directly or through others (a strongly connected pair). */
function cycles(edges: Map<string, Map<string, string[]>>): string[] {
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const at = stack.pop() ?? '';
      for (const to of edges.get(at)?.keys() ?? []) {
        if (seen.has(to)) continue;
        seen.add(to);
        stack.push(to);
      }
    }
    return seen;
  };
  const rooms = [...edges.keys()].sort();
  return rooms.flatMap((a) =>
    rooms.filter((b) => a < b && reach(a).has(b) && reach(b).has(a)).map((b) => `${a} <-> ${b}`),
  );
}

describe('rooms of src/ depend on each other one way', () => {
  const edges = roomEdges();

  it('no two rooms import each other, directly or transitively', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it.each([
    ['verify', 'synth', 'verify reads dist/; it never runs the synthesizer'],
    ['verify', 'report', 'REPORT.md is rendered from verify’s analysis, not the other way'],
    ['synth', 'verify', 'synth gets REPORT.md from report/'],
    ['tenant', 'addons', 'add-ons may use tenant names; tenants know nothing of add-ons'],
    ['addons', 'synth', 'builders are pure; synth composes them'],
    ['addons', 'verify', 'builders do not depend on the proofs'],
    ['network', 'tenant', 'the NetworkPolicy helper is shared by tenant and add-on builders'],
    ['network', 'addons', 'the NetworkPolicy helper is shared by tenant and add-on builders'],
  ])('%s does not import %s (%s)', (from, to) => {
    expect(edges.get(from)?.get(to) ?? []).toEqual([]);
  });

  it('leaf constant files import no room', () => {
    const leaves = [...edges.entries()].filter(([room]) => room.startsWith('(leaf)'));
    expect(leaves.map(([room, out]) => `${room} -> ${[...out.keys()].join(', ')}`)).toEqual([]);
  });
});
