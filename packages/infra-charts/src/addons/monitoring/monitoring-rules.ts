import { METRICS } from '@mlops/shared/metrics';

/** A Prometheus recording rule. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

/** A Prometheus alert with everything an on-call engineer needs. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: 'critical' | 'warning';
  readonly summary: string;
  readonly description: string;
  /** What to check and do; rendered into the `runbook` annotation. */
  readonly runbook: string;
  /** Extra labels (per-tenant rules carry `tenant`). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** What the per-tenant rules need to know about a tenant. */
export interface TenantLimits {
  readonly name: string;
  readonly maxReplicas: number;
  readonly limitsCpuCores: number;
  readonly limitsMemoryBytes: number;
}

/** Alert thresholds, in one place. */
export const THRESHOLDS = { p99Seconds: 0.5, errorRatio: 0.05, resourceShare: 0.9, restartsIn15m: 2 } as const;

const m = METRICS;
const API = 'job="inference-api"';

/** Per-tenant request rate, error ratio and latency quantiles, over 5 minutes. */
export const RECORDING_RULES: readonly RecordingRule[] = [
  { record: 'tenant:mlops_http_requests:rate5m', expr: `sum by (tenant) (rate(${m.httpRequests.name}{${API}}[5m]))` },
  {
    record: 'tenant:mlops_http_errors:ratio_rate5m',
    // "or ... * 0": a tenant without any 5xx gets 0, not a missing series.
    expr: `(sum by (tenant) (rate(${m.httpRequests.name}{${API},status=~"5.."}[5m])) or sum by (tenant) (rate(${m.httpRequests.name}{${API}}[5m])) * 0) / sum by (tenant) (rate(${m.httpRequests.name}{${API}}[5m]))`,
  },
  ...(
    [
      ['p50', 0.5],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const
  ).map(([name, q]) => ({
    record: `tenant:mlops_http_request_duration_seconds:${name}_5m`,
    expr: `histogram_quantile(${q}, sum by (tenant, le) (rate(${m.httpDuration.name}_bucket{${API},route=~"/predict.*|/v2/models/.*"}[5m])))`,
  })),
  {
    record: 'tenant:mlops_predictions:rate5m',
    expr: `sum by (tenant, label) (rate(${m.predictions.name}{${API}}[5m]))`,
  },
];

/** Platform-wide alerts (every tenant), then per-tenant alerts built from each tenant's limits. */
export function alertRules(tenants: readonly TenantLimits[]): AlertRule[] {
  const rules: AlertRule[] = [
    {
      alert: 'InferenceHighLatencyP99',
      expr: `tenant:mlops_http_request_duration_seconds:p99_5m > ${THRESHOLDS.p99Seconds}`,
      for: '5m',
      severity: 'warning',
      summary: 'p99 prediction latency of {{ $labels.tenant }} is high',
      description: `The 99th percentile of prediction latency for tenant {{ $labels.tenant }} has been above ${THRESHOLDS.p99Seconds * 1000} ms for 5 minutes.`,
      runbook:
        'Check CPU throttling and the HPA (is it at max?), recent model versions (load time, size), and the request mix (long texts, large batches).',
    },
    {
      alert: 'InferenceHighErrorRate',
      expr: `tenant:mlops_http_errors:ratio_rate5m > ${THRESHOLDS.errorRatio}`,
      for: '5m',
      severity: 'critical',
      summary: '{{ $labels.tenant }} answers too many requests with 5xx',
      description: `More than ${THRESHOLDS.errorRatio * 100}% of requests to tenant {{ $labels.tenant }} failed with a server error for 5 minutes.`,
      runbook:
        'Read the API logs by request id (kubectl logs -n <tenant> -l app.kubernetes.io/name=ml-inference); 503 means no model is loaded (check object storage and mlops_model_reloads_total).',
    },
    {
      alert: 'InferencePodRestartLoop',
      expr: `changes(mlops_process_start_time_seconds{${API}}[15m]) > ${THRESHOLDS.restartsIn15m}`,
      for: '0m',
      severity: 'critical',
      summary: 'Pod {{ $labels.pod }} of {{ $labels.tenant }} keeps restarting',
      description: 'The inference API process of this pod keeps restarting (crash or failed liveness probe).',
      runbook:
        'kubectl describe pod and kubectl logs --previous; look for OOMKilled (raise the memory limit) or failing /health.',
    },
    {
      alert: 'InferenceModelNotReady',
      expr: `max by (tenant) (${m.modelReady.name}{${API}}) == 0`,
      for: '5m',
      severity: 'critical',
      summary: '{{ $labels.tenant }} has no pod with a loaded model',
      description:
        'Every scraped API pod of this tenant reports no loaded model; /ready is 503 and the Service has no endpoints.',
      runbook:
        'Check object storage (MinIO up? LATEST present for the model?) and the pod logs for "model version rejected".',
    },
    {
      alert: 'InferenceModelReloadFailing',
      expr: `increase(${m.modelReloads.name}{${API},result="failure"}[15m]) > 0`,
      for: '0m',
      severity: 'warning',
      summary: '{{ $labels.tenant }} rejected a new model version',
      description:
        'A published version failed its checksum or compatibility check; the previous version keeps serving.',
      runbook: 'Re-publish the version with pnpm train; compare checksums.sha256 with the objects in the store.',
    },
    {
      alert: 'InferenceScrapeTargetDown',
      expr: `up{${API}} == 0`,
      for: '5m',
      severity: 'warning',
      summary: 'Prometheus cannot scrape {{ $labels.pod }} of {{ $labels.tenant }}',
      description: 'The /metrics endpoint of this API pod has not answered for 5 minutes.',
      runbook: 'Check the pod is running and the NetworkPolicy allow-api-ingress admits the monitoring namespace.',
    },
    {
      alert: 'ObjectStorageDown',
      expr: 'up{job="minio"} == 0 or absent(up{job="minio"})',
      for: '5m',
      severity: 'critical',
      summary: 'Object storage (MinIO) is down',
      description: 'Prometheus has not reached MinIO for 5 minutes: no new model can be loaded or published.',
      runbook: 'kubectl -n minio get pods,pvc; check the volume and kubectl -n minio logs deploy/minio.',
    },
  ];
  for (const t of tenants) {
    const sel = `${API},tenant="${t.name}"`;
    const labels = { tenant: t.name };
    rules.push(
      {
        alert: 'InferenceHPAAtMaxReplicas',
        expr: `count by (tenant) (up{${sel}} == 1) >= ${t.maxReplicas}`,
        for: '15m',
        severity: 'warning',
        labels,
        summary: `${t.name} has run at its maximum of ${t.maxReplicas} replicas for 15 minutes`,
        description: `The autoscaler of tenant ${t.name} cannot add capacity: it is pinned at replicas.max.`,
        runbook: `Raise replicas.max of ${t.name} in platform.config.yaml (and its quota), or find what drives the load (pnpm loadtest).`,
      },
      {
        alert: 'InferenceNoReadyReplica',
        expr: `absent(up{${sel}} == 1)`,
        for: '5m',
        severity: 'critical',
        labels,
        summary: `${t.name} has no API pod that answers scrapes`,
        description: `No inference API pod of tenant ${t.name} has been reachable for 5 minutes.`,
        runbook: `kubectl -n ${t.name} get deploy,pods,hpa; kubectl -n ${t.name} describe pods.`,
      },
      {
        alert: 'InferenceMemoryNearLimit',
        expr: `mlops_process_resident_memory_bytes{${sel}} / ${t.limitsMemoryBytes} > ${THRESHOLDS.resourceShare}`,
        for: '10m',
        severity: 'warning',
        labels,
        summary: `Pod {{ $labels.pod }} of ${t.name} is near its memory limit`,
        description: `Resident memory has stayed above ${THRESHOLDS.resourceShare * 100}% of the pod limit for 10 minutes; the pod risks OOMKill.`,
        runbook: 'Check mlops_tfjs_tensors for a leak (it must stay constant); raise resources.limits.memory.',
      },
      {
        alert: 'InferenceCpuNearLimit',
        expr: `rate(mlops_process_cpu_seconds_total{${sel}}[5m]) / ${t.limitsCpuCores} > ${THRESHOLDS.resourceShare}`,
        for: '10m',
        severity: 'warning',
        labels,
        summary: `Pod {{ $labels.pod }} of ${t.name} is near its CPU limit`,
        description: `CPU use has stayed above ${THRESHOLDS.resourceShare * 100}% of the pod limit for 10 minutes; requests are throttled.`,
        runbook: 'Check the HPA is scaling (metrics-server up?) and whether replicas.max is reached.',
      },
    );
  }
  return rules;
}

/** The Prometheus rule file: recording rules, then alerts, each alert with severity and annotations. */
export function toRuleFile(tenants: readonly TenantLimits[]) {
  return {
    groups: [
      {
        name: 'mlops-recording',
        interval: '30s',
        rules: RECORDING_RULES.map((r) => ({ record: r.record, expr: r.expr })),
      },
      {
        name: 'mlops-alerts',
        rules: alertRules(tenants).map((a) => ({
          alert: a.alert,
          expr: a.expr,
          for: a.for,
          labels: { severity: a.severity, ...a.labels },
          annotations: { summary: a.summary, description: a.description, runbook: a.runbook },
        })),
      },
    ],
  };
}
