import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import {
  API_PORT,
  API_SHUTDOWN_DELAY_SECONDS,
  API_SHUTDOWN_GRACE_SECONDS,
  MINIO_API_PORT,
  MINIO_NAMESPACE,
} from '../platform-constants.js';
import { tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';
import { toNodeOptions } from './to-node-options.js';

/** Where the tenant's model lives (bucket and prefix from the config): without a version the API follows LATEST. */
export function modelUri(spec: Pick<TenantSpec, 'modelBucket' | 'modelPrefix' | 'modelName' | 'modelVersion'>): string {
  const base = `s3://${spec.modelBucket}/${spec.modelPrefix ? `${spec.modelPrefix}/` : ''}${spec.modelName}`;
  return spec.modelVersion === 'latest' ? base : `${base}/${spec.modelVersion}`;
}

/** The API's settings as environment variables; credentials come from a Secret, never from here. */
export function toApiConfigMap(spec: TenantSpec): IConfigMap {
  const names = tenantNames(spec.name);
  const data: Record<string, string> = {
    TENANT: spec.name,
    PORT: String(API_PORT),
    MODEL_URI: modelUri(spec),
    S3_REGION: spec.s3Region,
    LOG_LEVEL: spec.logLevel,
    MAX_TEXT_LENGTH: String(spec.maxTextLength),
    MAX_BATCH: String(spec.maxBatch),
    MODEL_POLL_INTERVAL: String(spec.modelPollIntervalSeconds),
    SHUTDOWN_DELAY_MS: String(API_SHUTDOWN_DELAY_SECONDS * 1000),
    SHUTDOWN_GRACE_MS: String(API_SHUTDOWN_GRACE_SECONDS * 1000),
    NODE_OPTIONS: toNodeOptions(spec.limitsMemory),
  };
  if (spec.objectStorage === 'minio')
    data.S3_ENDPOINT = `http://minio.${MINIO_NAMESPACE}.svc.cluster.local:${MINIO_API_PORT}`;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: names.configMap, namespace: names.namespace, labels: tenantLabels(spec, 'inference-api') },
    data,
  };
}
