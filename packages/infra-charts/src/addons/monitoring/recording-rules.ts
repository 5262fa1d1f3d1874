import { API_APP_NAME } from '@mlops/shared/contract';
import { METRICS } from '@mlops/shared/metrics';
import { API_CONTAINER } from '../../platform-constants.js';

/** A Prometheus recording rule. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

const m = METRICS;
/** The scrape job of the tenant API pods; its targets carry tenant, namespace and pod labels. */
export const API_JOB = 'inference-api';
const API = `job="${API_JOB}"`;
/** The API container in kube-state-metrics series (tenant pods may get sidecars one day). */
export const KSM_API_CONTAINER = `container="${API_CONTAINER}"`;

/**
 * kube-state-metrics series carry `namespace`, not `tenant`; a tenant's namespace is named after it, so the
 * tenant label is a copy of the namespace. One expression serves every tenant.
 */
export const withTenant = (expr: string) => `label_replace(${expr}, "tenant", "$1", "namespace", "(.+)")`;

const quantiles = [
  ['p50', 0.5],
  ['p95', 0.95],
  ['p99', 0.99],
] as const;

/** Per-tenant traffic from the API's own metrics, over 5 minutes. */
const API_RECORDING_RULES: readonly RecordingRule[] = [
  { record: 'tenant:mlops_http_requests:rate5m', expr: `sum by (tenant) (rate(${m.httpRequests.name}{${API}}[5m]))` },
  {
    record: 'tenant:mlops_http_errors:ratio_rate5m',
    // "or ... * 0": a tenant without any 5xx gets 0, not a missing series.
    expr: `(sum by (tenant) (rate(${m.httpRequests.name}{${API},status=~"5.."}[5m])) or sum by (tenant) (rate(${m.httpRequests.name}{${API}}[5m])) * 0) / sum by (tenant) (rate(${m.httpRequests.name}{${API}}[5m]))`,
  },
  ...quantiles.map(([name, q]) => ({
    record: `tenant:mlops_http_request_duration_seconds:${name}_5m`,
    expr: `histogram_quantile(${q}, sum by (tenant, le) (rate(${m.httpDuration.name}_bucket{${API},route=~"/predict.*|/v2/models/.*"}[5m])))`,
  })),
  {
    record: 'tenant:mlops_predictions:rate5m',
    expr: `sum by (tenant, label) (rate(${m.predictions.name}{${API}}[5m]))`,
  },
  {
    record: 'tenant:mlops_http_requests_shed:ratio_rate5m',
    // Share of the offered load refused: shed / (shed + served).
    expr: `sum by (tenant) (rate(${m.requestsShed.name}{${API}}[5m])) / (sum by (tenant) (rate(${m.requestsShed.name}{${API}}[5m])) + sum by (tenant) (rate(${m.httpRequests.name}{${API}}[5m])))`,
  },
  {
    record: 'tenant:mlops_http_requests_rate_limited:ratio_rate5m',
    // Share of the answered requests that the rate limiter refused (its 429s are among the requests counted).
    expr: `sum by (tenant) (rate(${m.rateLimited.name}{${API}}[5m])) / sum by (tenant) (rate(${m.httpRequests.name}{${API}}[5m]))`,
  },
  {
    record: 'tenant_pod:process_cpu_seconds:rate5m',
    expr: `sum by (tenant, namespace, pod) (rate(process_cpu_seconds_total{${API}}[5m]))`,
  },
  {
    record: 'tenant_pod:process_resident_memory_bytes:max',
    expr: `max by (tenant, namespace, pod) (process_resident_memory_bytes{${API}})`,
  },
];

const limit = (kind: 'limits' | 'requests', resource: 'cpu' | 'memory') =>
  withTenant(
    `max by (namespace, pod) (kube_pod_container_resource_${kind}{${KSM_API_CONTAINER},resource="${resource}"})`,
  );
const hpa = (metric: string) =>
  withTenant(`max by (namespace) (${metric}{horizontalpodautoscaler=~".+-${API_APP_NAME}-hpa"})`);

/** Per-tenant limits, requests and autoscaler bounds from kube-state-metrics: read from the cluster, never baked in. */
const CLUSTER_RECORDING_RULES: readonly RecordingRule[] = [
  { record: 'tenant_pod:kube_pod_container_resource_limits_cpu_cores:max', expr: limit('limits', 'cpu') },
  { record: 'tenant_pod:kube_pod_container_resource_requests_cpu_cores:max', expr: limit('requests', 'cpu') },
  { record: 'tenant_pod:kube_pod_container_resource_limits_memory_bytes:max', expr: limit('limits', 'memory') },
  ...(['status_current_replicas', 'status_desired_replicas', 'spec_max_replicas'] as const).map((s) => ({
    record: `tenant:kube_horizontalpodautoscaler_${s}:max`,
    expr: hpa(`kube_horizontalpodautoscaler_${s}`),
  })),
];

/** Every recording rule; the same list whatever the number of tenants. */
export const RECORDING_RULES: readonly RecordingRule[] = [...API_RECORDING_RULES, ...CLUSTER_RECORDING_RULES];
