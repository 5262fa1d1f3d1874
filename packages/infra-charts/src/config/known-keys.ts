import type { z } from 'zod';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The field names an object in the schema accepts at `path` (for "did you mean"); [] when not an object. */
export function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  const nodes = walk([schema], path);
  return [...new Set(nodes.flatMap((n) => Object.keys(objectShape(n) ?? {})))];
}

function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  return unwrap(schema)
    .map((s) => defOf(s).shape)
    .find((shape) => shape !== undefined);
}

function walk(nodes: z.ZodType[], path: ReadonlyArray<PropertyKey>): z.ZodType[] {
  if (path.length === 0) return nodes;
  const [key, ...rest] = path;
  const next = nodes.flatMap(unwrap).flatMap((n) => {
    const def = defOf(n);
    if (def.type === 'array' && def.element && typeof key === 'number') return [def.element];
    if (def.type === 'record' && def.valueType) return [def.valueType];
    const child = def.shape?.[String(key)];
    return child ? [child] : [];
  });
  return walk(next, rest);
}
