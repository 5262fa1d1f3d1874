import type { Manifest } from '../manifest/manifest.js';

type Validate = (data: unknown) => void;
const cache = new Map<string, Promise<Validate | undefined>>();

/** Loads the offline OpenAPI validator that kubernetes-models ships for a kind; undefined for an unknown kind. */
async function validatorFor(apiVersion: string, kind: string): Promise<Validate | undefined> {
  const key = `${apiVersion}/${kind}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = import(`kubernetes-models/${key}`).then(
      (module: Record<string, new (data: unknown) => { validate(): void }>) => {
        const Model = module[kind];
        return Model ? (data: unknown) => new Model(data).validate() : undefined;
      },
      () => undefined,
    );
    cache.set(key, pending);
  }
  return pending;
}

/** Validates each object against the Kubernetes OpenAPI schema; returns one message per invalid object. */
export async function checkSchema(manifest: Manifest): Promise<string | undefined> {
  const validate = await validatorFor(manifest.apiVersion, manifest.kind);
  if (!validate) return `unknown kind ${manifest.kind} in ${manifest.apiVersion}; use a built-in Kubernetes API`;
  try {
    validate(manifest);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/\n/g, '; ');
  }
}
