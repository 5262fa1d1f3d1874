/** Leaf paths where two JSON values differ: `spec.containers[inference-api].image`; list items keyed by `name`. */
export function changedPaths(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const named = (xs: unknown[]) =>
      xs.every((x) => x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string');
    if (named(a) && named(b)) {
      const byName = (xs: unknown[]) => new Map(xs.map((x) => [(x as { name: string }).name, x]));
      const [ma, mb] = [byName(a), byName(b)];
      const names = [...new Set([...ma.keys(), ...mb.keys()])];
      return names.flatMap((n) => changedPaths(ma.get(n), mb.get(n), `${path}[${n}]`));
    }
    return [path];
  }
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  // An object that appears or disappears: name its leaves, not the whole object.
  if ((isObj(a) || a === undefined) && (isObj(b) || b === undefined)) {
    if (a === undefined && b === undefined) return [];
    const [x, y] = [a ?? {}, b ?? {}];
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
    return keys.flatMap((k) => changedPaths(x[k], y[k], path ? `${path}.${k}` : k));
  }
  return [path];
}

/** The value at a dotted path (no list indexing), for the immutable-field rules. */
export function valueAt(x: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), x);
}
