import type { Manifest } from '../manifest/manifest.js';

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const cache = new Map<string, CompiledValidator | undefined>();
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The name under which kubernetes-models ships the OpenAPI schema of a kind (`IoK8sApiAppsV1Deployment`). */
export function schemaName(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/')
    ? (apiVersion.split('/') as [string, string])
    : ['core', apiVersion];
  const v = capitalize(version);
  if (group === 'apiregistration.k8s.io') return `IoK8sKubeAggregatorPkgApisApiregistration${v}${kind}`;
  if (group === 'apiextensions.k8s.io') return `IoK8sApiextensionsApiserverPkgApisApiextensions${v}${kind}`;
  return `IoK8sApi${capitalize(group.split('.')[0] ?? group)}${v}${kind}`;
}

/**
 * Loads the precompiled, offline OpenAPI validators of the given objects' kinds (once per kind). They are
 * called directly, not through a model instance, which would deep-copy every object first.
 */
export async function loadSchemas(manifests: Iterable<Manifest>): Promise<void> {
  for (const m of manifests) {
    const key = `${m.apiVersion}/${m.kind}`;
    if (cache.has(key) || KNOWN_CUSTOM_RESOURCES.has(key)) continue;
    const module = (await import(`kubernetes-models/_schemas/${schemaName(m.apiVersion, m.kind)}`).catch(
      () => ({}),
    )) as {
      validate?: CompiledValidator;
    };
    cache.set(key, module.validate);
  }
}

/**
 * Custom resources the platform emits (Prometheus Operator). Their CRD schemas are not shipped offline; they are
 * checked for the fields the operator requires.
 */
const KNOWN_CUSTOM_RESOURCES: ReadonlyMap<string, readonly string[]> = new Map([
  ['monitoring.coreos.com/v1/PodMonitor', ['selector', 'podMetricsEndpoints']],
  ['monitoring.coreos.com/v1/PrometheusRule', ['groups']],
]);

/** Validates an object against the Kubernetes OpenAPI schema (after {@link loadSchemas}); returns the problems, or undefined. */
export function checkSchema(manifest: Manifest): string | undefined {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const required = KNOWN_CUSTOM_RESOURCES.get(key);
  if (required) {
    const spec = manifest.spec as Record<string, unknown> | undefined;
    const missing = required.filter((field) => spec?.[field] === undefined);
    return missing.length ? `/spec must have ${missing.map((f) => `'${f}'`).join(', ')}` : undefined;
  }
  if (!cache.has(key)) throw new Error(`schema of ${key} not loaded; call loadSchemas first`);
  const validate = cache.get(key);
  if (!validate) return `unknown kind ${manifest.kind} in ${manifest.apiVersion}; use a built-in Kubernetes API`;
  if (validate(manifest)) return undefined;
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${describeError(e)}`).join('; ');
}

/** The compiled validators carry no messages; say what the schema wanted, as ajv would. */
function describeError(e: SchemaError): string {
  if (e.message) return e.message;
  const p = e.params;
  switch (e.keyword) {
    case 'type':
      return `must be ${String(p.type)}`;
    case 'required':
      return `must have required property '${String(p.missingProperty)}'`;
    case 'enum':
      return `must be one of ${JSON.stringify(p.allowedValues)}`;
    case 'format':
      return `must match format "${String(p.format)}"`;
    case 'additionalProperties':
      return `must not have property '${String(p.additionalProperty)}'`;
    default:
      return `fails schema rule ${e.keyword} ${JSON.stringify(p)}`;
  }
}
