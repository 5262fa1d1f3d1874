import { type MetricsScraper, metricsScraperOf } from '../addons/monitoring/metrics-scraper.js';
import type { PlatformConfig, ProfileConfig, TenantConfig } from '../config/index.js';

/** A tenant resolved against one profile: everything its objects need, flat and final. */
export interface TenantSpec {
  readonly name: string;
  readonly platformName: string;
  readonly image: string;
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
  /** IAM role for IRSA when object storage is AWS S3. @default - none: MinIO credentials come from a Secret */
  readonly irsaRoleArn?: string;
  readonly egressCidrs: readonly string[];
  readonly extraLabels: Readonly<Record<string, string>>;
  readonly logLevel: string;
  readonly maxTextLength: number;
  readonly maxBatch: number;
  readonly modelPollIntervalSeconds: number;
  /** The Prometheus pods admitted to the API port (the platform's own, or kube-prometheus-stack's). */
  readonly metricsScraper: MetricsScraper;
}

/** Applies a profile's defaults to a tenant entry; the only place tenant and profile settings meet. */
export function resolveTenant(
  platform: PlatformConfig['platform'],
  profile: ProfileConfig,
  tenant: TenantConfig,
): TenantSpec {
  const resources = tenant.resources ?? profile.tenantDefaults.resources;
  const quota = tenant.quota ?? profile.tenantDefaults.quota;
  const storage = profile.objectStorage;
  return {
    name: tenant.name,
    platformName: platform.name,
    image: `${profile.images.api.repository}:${profile.images.api.tag}`,
    imageTag: profile.images.api.tag,
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
    ...(storage.type === 's3' ? { irsaRoleArn: `${storage.roleArnPrefix}${tenant.name}` } : {}),
    egressCidrs: [...tenant.egressCidrs, ...(storage.type === 's3' ? storage.egressCidrs : [])],
    extraLabels: tenant.labels,
    logLevel: tenant.api.logLevel,
    maxTextLength: tenant.api.maxTextLength,
    maxBatch: tenant.api.maxBatch,
    modelPollIntervalSeconds: tenant.api.modelPollIntervalSeconds,
    metricsScraper: metricsScraperOf(profile.monitoring),
  };
}
