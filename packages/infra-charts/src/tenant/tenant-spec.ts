import type { AuthMode, RateLimits } from '../config/edge-limits-schema.js';
import { formatImage, imageVersion } from '../config/image-reference.js';
import type { PlatformConfig, ProfileConfig, TenantConfig } from '../config/index.js';
import { resolveTenantRoute, type TenantRoute } from '../network/edge-spec.js';
import { type MetricsScraper, metricsScraperOf } from '../network/metrics-scraper.js';
import {
  type AcceleratorSpec,
  type Placement,
  resolveAccelerator,
  resolveDisruption,
  resolvePlacement,
} from './resolve-placement.js';

/** A tenant resolved against one profile: everything its objects need, flat and final. */
export interface TenantSpec {
  readonly name: string;
  readonly platformName: string;
  readonly image: string;
  /** Label-safe image version (tag, or the digest's first hex digits). */
  readonly imageTag: string;
  readonly imagePullPolicy: 'IfNotPresent' | 'Always';
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuTargetUtilization: number;
  readonly requestsCpu: string;
  readonly requestsMemory: string;
  readonly limitsCpu: string;
  readonly limitsMemory: string;
  readonly quotaCpu: string;
  readonly quotaMemory: string;
  readonly quotaPods: number;
  readonly modelName: string;
  readonly modelVersion: string;
  /** `minio` (in-cluster, credentials Secret) or `s3` (AWS, IRSA role). */
  readonly objectStorage: 'minio' | 's3';
  readonly s3Region: string;
  /** Bucket of the models (`models` in MinIO). */
  readonly modelBucket: string;
  /** Key prefix of the models inside the bucket ("" = root). */
  readonly modelPrefix: string;
  /** IAM role for IRSA when object storage is AWS S3. @default - none: MinIO credentials come from a Secret */
  readonly irsaRoleArn?: string;
  /** Where IRSA must connect on 443/TCP (STS, S3). @default - none: not an IRSA tenant */
  readonly irsaEgress?: { readonly stsCidrs: readonly string[]; readonly s3Cidrs: readonly string[] };
  readonly egressCidrs: readonly string[];
  readonly extraLabels: Readonly<Record<string, string>>;
  readonly logLevel: string;
  readonly maxTextLength: number;
  readonly maxBatch: number;
  readonly modelPollIntervalSeconds: number;
  readonly placement: Placement;
  readonly disruption: { readonly maxUnavailable: number } | { readonly minAvailable: number };
  /** GPUs and GPU/queue scaling. @default - none: a CPU tenant scaled by the HPA on CPU */
  readonly accelerator?: AcceleratorSpec;
  /** The Prometheus pods admitted to the API port (the platform's own, or kube-prometheus-stack's). */
  readonly metricsScraper: MetricsScraper;
  /** Whether predictions need an API key (AUTH_MODE). */
  readonly authMode: AuthMode;
  /** Per-key token bucket and per-replica concurrency (RATE_LIMIT_*). */
  readonly rateLimits: RateLimits;
  /** How consumers reach the tenant from outside. @default - none: routing.mode none, in-cluster only */
  readonly route?: TenantRoute;
}

/** The bucket the in-cluster MinIO serves the models from. */
export const MINIO_MODELS_BUCKET = 'models';

/** Applies a profile's defaults to a tenant entry; the only place tenant and profile settings meet. */
export function resolveTenant(
  platform: PlatformConfig['platform'],
  profile: ProfileConfig,
  tenant: TenantConfig,
): TenantSpec {
  const resources = tenant.resources ?? profile.tenantDefaults.resources;
  const quota = tenant.quota ?? profile.tenantDefaults.quota;
  const storage = profile.objectStorage;
  const accelerator = resolveAccelerator(profile, tenant);
  const image = accelerator ? gpuImage(profile) : profile.images.api;
  return {
    name: tenant.name,
    platformName: platform.name,
    image: formatImage(image),
    imageTag: imageVersion(image),
    imagePullPolicy: profile.imagePullPolicy,
    minReplicas: tenant.replicas.min,
    maxReplicas: tenant.replicas.max,
    cpuTargetUtilization: tenant.cpuTargetUtilization,
    requestsCpu: resources.requests.cpu,
    requestsMemory: resources.requests.memory,
    limitsCpu: resources.limits.cpu,
    limitsMemory: resources.limits.memory,
    quotaCpu: quota.cpu,
    quotaMemory: quota.memory,
    quotaPods: quota.pods,
    modelName: tenant.model.name,
    modelVersion: tenant.model.version,
    objectStorage: storage.type,
    s3Region: storage.type === 's3' ? storage.region : 'us-east-1',
    modelBucket: storage.type === 's3' ? (tenant.objectStorage?.bucket ?? storage.bucket) : MINIO_MODELS_BUCKET,
    modelPrefix: storage.type === 's3' ? (tenant.objectStorage?.prefix ?? storage.prefix) : '',
    ...(storage.type === 's3'
      ? { irsaRoleArn: `${storage.roleArnPrefix}${tenant.name}`, irsaEgress: storage.irsaEgress }
      : {}),
    egressCidrs: tenant.egressCidrs,
    extraLabels: tenant.labels,
    logLevel: tenant.api.logLevel,
    maxTextLength: tenant.api.maxTextLength,
    maxBatch: tenant.api.maxBatch,
    modelPollIntervalSeconds: tenant.api.modelPollIntervalSeconds,
    placement: resolvePlacement(profile, tenant),
    disruption: resolveDisruption(tenant),
    ...(accelerator ? { accelerator } : {}),
    metricsScraper: metricsScraperOf(profile.monitoring),
    authMode: tenant.auth ?? profile.tenantDefaults.auth,
    rateLimits: { ...profile.tenantDefaults.rateLimits, ...tenant.rateLimits },
    ...routeOf(platform.name, profile, tenant.name),
  };
}

/** The GPU variant of the API image: configured, or the API's repository + "-gpu" with the API's tag. */
export function gpuImage(profile: ProfileConfig): ProfileConfig['images']['api'] {
  if (profile.images.apiGpu) return profile.images.apiGpu;
  const { repository, tag } = profile.images.api;
  // Unreachable after validation: a digest-only API image needs images.apiGpu (check-production-rules.ts).
  if (!tag) throw new Error('images.api has no tag to derive the GPU image from; set images.apiGpu');
  return { repository: `${repository}-gpu`, tag };
}

const routeOf = (platformName: string, profile: ProfileConfig, tenant: string) => {
  const route = resolveTenantRoute(platformName, profile, tenant);
  return route ? { route } : {};
};
