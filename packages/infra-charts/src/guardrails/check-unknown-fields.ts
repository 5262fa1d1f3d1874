/**
 * Unknown fields: the offline kubernetes-models validators do not flag properties a schema does not declare, and
 * an API server drops them silently (or, with strict field validation, refuses the object). The field lists come
 * from the OpenAPI-generated models of @kubernetes/client-node (`attributeTypeMap`: JSON name and type per field).
 */

interface Attribute {
  readonly baseName: string;
  readonly type: string;
}

/** Model name → its fields (JSON name → type), or undefined when there is no such model. */
const models = new Map<string, ReadonlyMap<string, string> | undefined>();
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The model class names that may describe a kind: `V1Deployment`, or group-prefixed (`CoreV1Event`). */
export function modelNames(apiVersion: string, kind: string): string[] {
  const [group, version] = apiVersion.includes('/')
    ? (apiVersion.split('/') as [string, string])
    : ['core', apiVersion];
  const groupName = (group.split('.')[0] ?? group).replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
  return [`${capitalize(version)}${kind}`, `${capitalize(groupName)}${capitalize(version)}${kind}`];
}

/** `Array<V1Container>` → `V1Container`; `{ [key: string]: V1Counter; }` → `V1Counter`; others unchanged. */
export function elementType(type: string): string {
  const array = /^Array<(.+)>$/.exec(type);
  if (array?.[1]) return elementType(array[1]);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map?.[1]) return elementType(map[1]);
  return type;
}

async function loadModel(name: string): Promise<ReadonlyMap<string, string> | undefined> {
  if (models.has(name)) return models.get(name);
  models.set(name, undefined);
  const module = (await import(`@kubernetes/client-node/dist/gen/models/${name}.js`).catch(() => ({}))) as Record<
    string,
    { attributeTypeMap?: readonly Attribute[] } | undefined
  >;
  const attributes = module[name]?.attributeTypeMap;
  const fields = attributes ? new Map(attributes.map((a) => [a.baseName, a.type])) : undefined;
  models.set(name, fields);
  for (const type of fields?.values() ?? []) {
    const inner = elementType(type);
    if (/^V\d|^[A-Z][a-z]+V\d/.test(inner)) await loadModel(inner);
  }
  return fields;
}

/** Loads the field lists of a kind and every type under it (once); returns the model name, if there is one. */
export async function loadFieldModels(apiVersion: string, kind: string): Promise<string | undefined> {
  for (const name of modelNames(apiVersion, kind)) if (await loadModel(name)) return name;
  return undefined;
}

/** A parsed type string: a list or map of an inner type, a model, or a leaf (string, number, IntOrString...). */
type Shape = { readonly of: 'array' | 'map'; readonly inner: string } | { readonly of: 'model' | 'leaf' };
const shapes = new Map<string, Shape>();
function shapeOf(type: string): Shape {
  let shape = shapes.get(type);
  if (!shape) {
    const array = /^Array<(.+)>$/.exec(type)?.[1];
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type)?.[1];
    shape = array
      ? { of: 'array', inner: array }
      : map
        ? { of: 'map', inner: map }
        : { of: models.get(type) ? 'model' : 'leaf' };
    shapes.set(type, shape);
  }
  return shape;
}

/**
 * Every field of `value` (described by model `type`) that the schema does not declare, as JSON paths. It runs on
 * every object of every synth, so it walks without allocating until it finds one.
 */
export function findUnknownFields(value: unknown, type: string): string[] {
  const found: string[] = [];
  const path: Array<string | number> = [];
  const walk = (item: unknown, itemType: string) => {
    if (!item || typeof item !== 'object') return;
    const shape = shapeOf(itemType);
    if (shape.of === 'leaf') return;
    if (shape.of === 'array') {
      if (!Array.isArray(item)) return;
      for (let i = 0; i < item.length; i++) {
        path.push(i);
        walk(item[i], shape.inner);
        path.pop();
      }
      return;
    }
    const fields = shape.of === 'model' ? models.get(itemType) : undefined;
    for (const key in item) {
      path.push(key);
      const child = (item as Record<string, unknown>)[key];
      if (shape.of === 'map') walk(child, shape.inner);
      else {
        const fieldType = fields?.get(key);
        if (fieldType === undefined) found.push(`/${path.join('/')}`);
        else walk(child, fieldType);
      }
      path.pop();
    }
  };
  walk(value, type);
  return found;
}
