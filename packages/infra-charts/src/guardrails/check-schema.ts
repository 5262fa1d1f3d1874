import type { Manifest } from '../manifest/manifest.js';
import { findUnknownFields, loadFieldModels } from './check-unknown-fields.js';

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
/** apiVersion/kind → the model whose field lists describe it (for unknown fields). */
const fieldModels = new Map<string, string | undefined>();
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
export async function loadSchemas(manifests: Iterable<Manifest>, withFieldLists = false): Promise<void> {
  for (const m of manifests) {
    const key = `${m.apiVersion}/${m.kind}`;
    if (withFieldLists && !fieldModels.has(key) && !KNOWN_CUSTOM_RESOURCES.has(key))
      fieldModels.set(key, await loadFieldModels(m.apiVersion, m.kind));
    if (cache.has(key) || KNOWN_CUSTOM_RESOURCES.has(key)) continue;
    if (CRD_MODELS.has(key)) {
      cache.set(key, await loadCrdValidator(key));
      continue;
    }
    const module = (await import(`kubernetes-models/_schemas/${schemaName(m.apiVersion, m.kind)}`).catch(
      () => ({}),
    )) as {
      validate?: CompiledValidator;
    };
    cache.set(key, module.validate);
  }
}

/** Custom resources typed by an @kubernetes-models package (KEDA, Karpenter, Gateway API, cert-manager): module and model class. */
const CRD_MODELS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['keda.sh/v1alpha1/ScaledObject', ['@kubernetes-models/keda/keda.sh/v1alpha1', 'ScaledObject']],
  ['karpenter.sh/v1/NodePool', ['@kubernetes-models/karpenter/karpenter.sh/v1', 'NodePool']],
  ['karpenter.k8s.aws/v1/EC2NodeClass', ['@kubernetes-models/karpenter/karpenter.k8s.aws/v1', 'EC2NodeClass']],
  ['gateway.networking.k8s.io/v1/Gateway', ['@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1', 'Gateway']],
  [
    'gateway.networking.k8s.io/v1/HTTPRoute',
    ['@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1', 'HTTPRoute'],
  ],
  [
    'gateway.networking.k8s.io/v1beta1/ReferenceGrant',
    ['@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1', 'ReferenceGrant'],
  ],
  ['cert-manager.io/v1/Certificate', ['@kubernetes-models/cert-manager/cert-manager.io/v1', 'Certificate']],
  ['cert-manager.io/v1/ClusterIssuer', ['@kubernetes-models/cert-manager/cert-manager.io/v1', 'ClusterIssuer']],
  ['cert-manager.io/v1/Issuer', ['@kubernetes-models/cert-manager/cert-manager.io/v1', 'Issuer']],
] as const);

/** Their packages do not export the compiled schemas; the model's validate() runs the same one (and copies once). */
async function loadCrdValidator(key: string): Promise<CompiledValidator | undefined> {
  const [path, className] = CRD_MODELS.get(key) ?? [];
  if (!path || !className) return undefined;
  const module = (await import(path)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = module[className];
  if (!Model) return undefined;
  const validator: CompiledValidator = (data: unknown) => {
    try {
      new Model(data).validate();
      validator.errors = null;
      return true;
    } catch (error) {
      validator.errors = (error as { errors?: SchemaError[] }).errors ?? [
        { instancePath: '', keyword: 'model', params: {}, message: (error as Error).message },
      ];
      return false;
    }
  };
  return validator;
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
export function checkSchema(manifest: Manifest, rejectUnknownFields = false): string | undefined {
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
  const problems = validate(manifest)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${describeError(e)}`);
  const model = rejectUnknownFields ? fieldModels.get(key) : undefined;
  if (rejectUnknownFields && !fieldModels.has(key))
    throw new Error(`field lists of ${key} not loaded; call loadSchemas(…, true) first`);
  if (model)
    for (const path of findUnknownFields(manifest, model))
      problems.push(
        `${path} is not a field of ${manifest.kind} in ${manifest.apiVersion}; remove it or fix its spelling`,
      );
  return problems.length > 0 ? problems.join('; ') : undefined;
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
