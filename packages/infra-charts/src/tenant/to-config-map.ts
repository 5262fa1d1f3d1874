import {
  API_ENV,
  API_KEYS_MOUNT_DIR,
  API_KEYS_SECRET_KEY,
  API_PROBE_PORT,
  type ApiEnvKey,
  minioUrl,
  shutdownEnv,
} from '@mlops/shared/contract';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { API_PORT, API_SHUTDOWN_DELAY_SECONDS, API_SHUTDOWN_GRACE_SECONDS } from '../platform-constants.js';
import { tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';

/** Where the API reads its key hashes: the key Secret's one key, mounted read-only (to-deployment.ts). */
export const API_KEYS_FILE_PATH = `${API_KEYS_MOUNT_DIR}/${API_KEYS_SECRET_KEY}`;

/** Where the tenant's model lives (bucket and prefix from the config): without a version the API follows LATEST. */
export function modelUri(spec: Pick<TenantSpec, 'modelBucket' | 'modelPrefix' | 'modelName' | 'modelVersion'>): string {
  const base = `s3://${spec.modelBucket}/${spec.modelPrefix ? `${spec.modelPrefix}/` : ''}${spec.modelName}`;
  return spec.modelVersion === 'latest' ? base : `${base}/${spec.modelVersion}`;
}

/** The API's settings as environment variables; credentials come from a Secret, never from here. */
export function toApiConfigMap(spec: TenantSpec): IConfigMap {
  const names = tenantNames(spec.name);
  // Keys come from the API's contract (API_ENV): the API's loadConfig reads exactly these.
  const data: Partial<Record<ApiEnvKey, string>> = {
    [API_ENV.tenant]: spec.name,
    [API_ENV.port]: String(API_PORT),
    [API_ENV.probePort]: String(API_PROBE_PORT),
    [API_ENV.modelUri]: modelUri(spec),
    [API_ENV.s3Region]: spec.s3Region,
    [API_ENV.logLevel]: spec.logLevel,
    [API_ENV.maxTextLength]: String(spec.maxTextLength),
    [API_ENV.maxBatch]: String(spec.maxBatch),
    [API_ENV.modelPollInterval]: String(spec.modelPollIntervalSeconds),
    ...shutdownEnv(API_SHUTDOWN_DELAY_SECONDS, API_SHUTDOWN_GRACE_SECONDS),
    [API_ENV.authMode]: spec.authMode,
    [API_ENV.rateLimitRps]: String(spec.rateLimits.requestsPerSecond),
    [API_ENV.rateLimitBurst]: String(spec.rateLimits.burst),
    [API_ENV.rateLimitConcurrency]: String(spec.rateLimits.concurrency),
  };
  if (spec.authMode === 'required') data[API_ENV.apiKeysFile] = API_KEYS_FILE_PATH;
  if (spec.objectStorage === 'minio') data[API_ENV.s3Endpoint] = minioUrl();
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: names.configMap, namespace: names.namespace, labels: tenantLabels(spec, 'inference-api') },
    data,
  };
}
