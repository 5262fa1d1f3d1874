import { z } from 'zod';
import { acceleratorSchema, gpuNodesSchema } from './accelerator-schema.js';
import { authModeSchema, rateLimitsSchema, tenantRateLimitsSchema } from './edge-limits-schema.js';
import { imageReferenceSchema, imageSchema } from './image-reference.js';
import { checkLabelKey, checkLabelValue, checkNotWorldOpen } from './label-rules.js';
import { monitoringSchema } from './monitoring-config-schema.js';
import { DNS1123_LABEL, MAX_TENANT_NAME_LENGTH, RESERVED_NAMESPACES, suggestLabel } from './names.js';
import { cidrSchema as cidr, objectStorageSchema, tenantObjectStorageSchema } from './object-storage-schema.js';
import { isQuantity } from './quantity.js';
import { routingSchema } from './routing-schema.js';
import { disruptionSchema, schedulingSchema } from './scheduling-schema.js';

const addProblem = (ctx: z.RefinementCtx, message: string | undefined) => {
  if (message) ctx.addIssue({ code: 'custom', message });
};

/** The profiles this synthesizer knows how to target. */
export const PROFILE_NAMES = ['kind', 'eks'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const quantity = (what: string) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const text = String(value);
    if (!isQuantity(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a Kubernetes ${what} quantity, e.g. ${what === 'CPU' ? '"250m" or "1"' : '"256Mi" or "1Gi"'}`,
      });
      return z.NEVER;
    }
    return text;
  });

const resourcePair = z.strictObject({ cpu: quantity('CPU'), memory: quantity('memory') });
const resourcesSchema = z.strictObject({ requests: resourcePair, limits: resourcePair });

const quotaSchema = z.strictObject({
  cpu: quantity('CPU'),
  memory: quantity('memory'),
  pods: z.number().int().positive({ error: 'must be a positive whole number of pods' }),
});

const tenantDefaultsSchema = z.strictObject({
  resources: resourcesSchema,
  quota: quotaSchema,
  /** API keys on every tenant's predictions (docs/edge.md). @default required */
  auth: authModeSchema.default('required'),
  /** Per-key and per-replica limits the API enforces. @default 100 requests/s, burst 200, 64 in flight */
  rateLimits: rateLimitsSchema.prefault({}),
});

export const profileSchema = z.strictObject({
  images: z.strictObject({
    api: imageSchema,
    trainer: imageSchema,
    /** The API built on a CUDA base with tfjs-node-gpu, for GPU tenants. @default - api repository + "-gpu", api tag */
    apiGpu: imageSchema.optional(),
  }),
  /** Third-party images: a registry mirror per upstream registry, and whole-reference overrides per add-on. */
  addonImages: z
    .strictObject({
      /** Upstream registry host → mirror prefix, e.g. `quay.io: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/quay`. */
      registryMirrors: z
        .record(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/), z.string().regex(/^[a-z0-9.-]+(:\d+)?(\/[\w.-]+)*$/))
        .default({}),
      /** Add-on name (see src/addons/images.ts) → pinned image reference. */
      overrides: z.record(z.string(), imageReferenceSchema).default({}),
    })
    .default({ registryMirrors: {}, overrides: {} }),
  /** Components the cluster already runs (e.g. the EKS metrics-server add-on): synth emits nothing for them. */
  clusterProvided: z.strictObject({ metricsServer: z.boolean().default(false) }).default({ metricsServer: false }),
  /** Pod placement of every tenant (tenants may override) and of the add-ons' PriorityClass. */
  scheduling: schedulingSchema.default({}),
  /** GPU nodes of the cluster; a tenant with an accelerator needs them. @default - none */
  gpu: gpuNodesSchema.optional(),
  imagePullPolicy: z.enum(['IfNotPresent', 'Always']).default('IfNotPresent'),
  storageClass: z.string().regex(DNS1123_LABEL, { error: 'must be a StorageClass name (DNS-1123 label)' }),
  objectStorage: objectStorageSchema.default({ type: 'minio' }),
  monitoring: monitoringSchema.prefault({ mode: 'standalone' }),
  /** Where the Kubernetes API server is, for Prometheus's discovery egress (ports 443 and 6443). */
  kubernetesApiCidrs: z.array(cidr).min(1).default(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']),
  tenantDefaults: tenantDefaultsSchema,
  /** How tenants are reached from outside (Gateway API, Ingress or none) and their TLS (docs/edge.md). */
  routing: routingSchema.prefault({}),
});

const apiSettingsSchema = z.strictObject({
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info'),
  maxTextLength: z.number().int().min(1).max(100_000).default(5000),
  maxBatch: z.number().int().min(1).max(1024).default(64),
  modelPollIntervalSeconds: z.number().int().min(0).max(86_400).default(60),
});

export const tenantSchema = z.strictObject({
  name: z
    .string()
    .max(MAX_TENANT_NAME_LENGTH, {
      error: `must be at most ${MAX_TENANT_NAME_LENGTH} characters (it prefixes object names)`,
    })
    .regex(DNS1123_LABEL, { error: "must be a DNS-1123 label (lowercase letters, digits, '-')" })
    .refine((name) => !RESERVED_NAMESPACES.includes(name), {
      error: `is a reserved namespace (${RESERVED_NAMESPACES.join(', ')}); choose another tenant name`,
    }),
  replicas: z
    .strictObject({ min: z.number().int().min(1).default(2), max: z.number().int().min(1).max(1000).default(10) })
    .default({ min: 2, max: 10 }),
  cpuTargetUtilization: z.number().int().min(1).max(100).default(50),
  /** Requests/limits of each API pod. @default - the profile's `tenantDefaults.resources` */
  resources: resourcesSchema.optional(),
  /** The namespace's ResourceQuota. @default - the profile's `tenantDefaults.quota` */
  quota: quotaSchema.optional(),
  model: z
    .strictObject({
      name: z.string().regex(DNS1123_LABEL, { error: 'must be a model name (DNS-1123 label)' }).default('sentiment'),
      version: z
        .string()
        .regex(/^(latest|[\w][\w.-]{0,63})$/, { error: 'must be "latest" or a version like "v20261127-0930"' })
        .default('latest'),
    })
    .default({ name: 'sentiment', version: 'latest' }),
  egressCidrs: z.array(cidr.superRefine((value, ctx) => addProblem(ctx, checkNotWorldOpen(value)))).default([]),
  /** Where this tenant's models live, overriding the profile's bucket/prefix (S3 profiles). @default - the profile's */
  objectStorage: tenantObjectStorageSchema.optional(),
  /** Overrides of the profile's pod placement, field by field. @default - the profile's `scheduling` */
  scheduling: schedulingSchema.optional(),
  /** The PodDisruptionBudget. @default { maxUnavailable: 1 } */
  disruption: disruptionSchema.optional(),
  /** GPUs per pod and GPU/queue scaling. @default - none: a CPU tenant scaled by the HPA on CPU */
  accelerator: acceleratorSchema.optional(),
  /** Overrides tenantDefaults.auth in every profile. @default - the profile's */
  auth: authModeSchema.optional(),
  /** Overrides fields of tenantDefaults.rateLimits in every profile. @default - the profile's */
  rateLimits: tenantRateLimitsSchema.optional(),
  labels: z
    .record(
      z.string().superRefine((key, ctx) => addProblem(ctx, checkLabelKey(key))),
      z.string().superRefine((value, ctx) => addProblem(ctx, checkLabelValue(value))),
    )
    .default({}),
  api: apiSettingsSchema.default({ logLevel: 'info', maxTextLength: 5000, maxBatch: 64, modelPollIntervalSeconds: 60 }),
});

/**
 * The most tenants one platform config may declare: synth and verify are linear up to it (docs/benchmarks.md);
 * Kubernetes itself is tested to 10,000 namespaces, and each tenant adds 15 objects.
 */
export const MAX_TENANTS = 5000;

export const platformConfigSchema = z.strictObject({
  platform: z
    .strictObject({ name: z.string().regex(DNS1123_LABEL).default('mlops-platform') })
    .default({ name: 'mlops-platform' }),
  profiles: z
    .partialRecord(
      z.enum(PROFILE_NAMES, { error: `is not a known profile; allowed: ${PROFILE_NAMES.join(', ')}` }),
      profileSchema,
    )
    .refine((profiles) => Object.keys(profiles).length > 0, {
      error: `declares no profile, so synth would write nothing; add at least one of ${PROFILE_NAMES.join(', ')} (see docs/config.md)`,
    }),
  tenants: z
    .array(tenantSchema)
    .min(1, {
      error: 'must declare at least one tenant: add an entry such as `- name: team-a` under tenants (docs/config.md)',
    })
    .max(MAX_TENANTS, {
      error: (issue) =>
        `declares ${(issue.input as unknown[]).length} tenants; at most ${MAX_TENANTS.toLocaleString('en-US')} are supported (the largest count the platform is sized and benchmarked for, docs/benchmarks.md); split the tenants across platforms, one config per cluster`,
    }),
});

export type PlatformConfig = z.output<typeof platformConfigSchema>;
export type PlatformConfigInput = z.input<typeof platformConfigSchema>;
export type ProfileConfig = z.output<typeof profileSchema>;
export type TenantConfig = z.output<typeof tenantSchema>;
export type Resources = z.output<typeof resourcesSchema>;
export type Quota = z.output<typeof quotaSchema>;

/** Suggests a fix for a bad tenant name; used by the error formatter. */
export function tenantNameHint(name: unknown): string {
  if (typeof name !== 'string') return '';
  const suggestion = suggestLabel(name);
  return suggestion === name ? '' : ` (e.g. "${suggestion}")`;
}
