import { METRICS } from '@mlops/shared/metrics';
import { type AlertRule, THRESHOLDS } from './alert-rule.js';
import { API_JOB } from './recording-rules.js';

const m = METRICS;
const API = `job="${API_JOB}"`;

/** Alerts on what the API reports about itself; each is one rule for every tenant (grouped by the tenant label). */
export const API_ALERTS: readonly AlertRule[] = [
  {
    alert: 'InferenceHighLatencyP99',
    expr: `tenant:mlops_http_request_duration_seconds:p99_5m > ${THRESHOLDS.p99Seconds}`,
    for: '5m',
    severity: 'warning',
    summary: 'p99 prediction latency of {{ $labels.tenant }} is high',
    description: `The 99th percentile of prediction latency for tenant {{ $labels.tenant }} has been above ${THRESHOLDS.p99Seconds * 1000} ms for 5 minutes.`,
  },
  {
    alert: 'InferenceHighErrorRate',
    expr: `tenant:mlops_http_errors:ratio_rate5m > ${THRESHOLDS.errorRatio}`,
    for: '5m',
    severity: 'critical',
    summary: '{{ $labels.tenant }} answers too many requests with 5xx',
    description: `More than ${THRESHOLDS.errorRatio * 100}% of requests to tenant {{ $labels.tenant }} failed with a server error for 5 minutes.`,
  },
  {
    alert: 'InferenceSheddingRequests',
    expr: `tenant:mlops_http_requests_shed:ratio_rate5m > ${THRESHOLDS.shedRatio}`,
    for: '10m',
    severity: 'warning',
    summary: '{{ $labels.tenant }} keeps refusing requests to protect its latency',
    description: `More than ${THRESHOLDS.shedRatio * 100}% of the requests offered to tenant {{ $labels.tenant }} have been shed (429/503) for 10 minutes: it needs more capacity.`,
  },
  {
    alert: 'InferenceRateLimiting',
    expr: `tenant:mlops_http_requests_rate_limited:ratio_rate5m > ${THRESHOLDS.rateLimitedRatio}`,
    for: '15m',
    severity: 'warning',
    summary: '{{ $labels.tenant }} keeps throttling its clients (rate limits)',
    description: `More than ${THRESHOLDS.rateLimitedRatio * 100}% of the requests to tenant {{ $labels.tenant }} have been refused with 429 by the per-key rate limit or the concurrency cap for 15 minutes: a client exceeds its quota, or the limits are too low for the tenant's real traffic.`,
  },
  {
    alert: 'InferenceModelNotReady',
    expr: `max by (tenant) (${m.modelReady.name}{${API}}) == 0`,
    for: '5m',
    severity: 'critical',
    summary: '{{ $labels.tenant }} has no pod with a loaded model',
    description:
      'Every scraped API pod of this tenant reports no loaded model; /ready is 503 and the Service has no endpoints.',
  },
  {
    alert: 'InferenceModelReloadFailing',
    expr: `sum by (tenant) (increase(${m.modelReloads.name}{${API},result="failure"}[15m])) > 0`,
    for: '0m',
    severity: 'warning',
    summary: '{{ $labels.tenant }} rejected a new model version',
    description: 'A published version failed its checksum or compatibility check; the previous version keeps serving.',
  },
  {
    alert: 'InferenceScrapeTargetDown',
    expr: `up{${API}} == 0`,
    for: '5m',
    severity: 'warning',
    summary: 'Prometheus cannot scrape {{ $labels.pod }} of {{ $labels.tenant }}',
    description: 'The /metrics endpoint of this API pod has not answered for 5 minutes.',
  },
  {
    alert: 'InferenceMemoryNearLimit',
    expr: `tenant_pod:process_resident_memory_bytes:max / tenant_pod:kube_pod_container_resource_limits_memory_bytes:max > ${THRESHOLDS.resourceShare}`,
    for: '10m',
    severity: 'warning',
    summary: 'Pod {{ $labels.pod }} of {{ $labels.tenant }} is near its memory limit',
    description: `Resident memory has stayed above ${THRESHOLDS.resourceShare * 100}% of the container's memory limit (from kube-state-metrics) for 10 minutes; the pod risks an OOMKill.`,
  },
  {
    alert: 'InferenceCpuNearLimit',
    expr: `tenant_pod:process_cpu_seconds:rate5m / tenant_pod:kube_pod_container_resource_limits_cpu_cores:max > ${THRESHOLDS.resourceShare}`,
    for: '10m',
    severity: 'warning',
    summary: 'Pod {{ $labels.pod }} of {{ $labels.tenant }} is near its CPU limit',
    description: `CPU use has stayed above ${THRESHOLDS.resourceShare * 100}% of the container's CPU limit (from kube-state-metrics) for 10 minutes; requests are throttled.`,
  },
];
