import { API_APP_NAME } from '@mlops/shared/contract';
import { METRICS } from '@mlops/shared/metrics';
import { API_JOB, KSM_API_CONTAINER, withTenant } from './recording-rules.js';

/** One dashboard panel: a title, its unit and PromQL queries (legend in Grafana's format). */
export interface PanelDefinition {
  readonly title: string;
  readonly unit: string;
  readonly targets: ReadonlyArray<{ readonly expr: string; readonly legend: string }>;
}

const m = METRICS;
/** Every query is filtered by the `tenant` variable: API series by their tenant label... */
const T = 'tenant=~"$tenant"';
/** ...kube-state-metrics series by their namespace, which is named after the tenant. */
const NS = 'namespace=~"$tenant"';
const API = `job="${API_JOB}",${T}`;
const target = (expr: string, legend: string) => ({ expr, legend });

/**
 * The platform dashboard: a fixed set of panels and queries whatever the number of tenants, each query
 * narrowed by the `$tenant` variable; limits and autoscaler bounds come from kube-state-metrics series.
 */
export const DASHBOARD_PANELS: readonly PanelDefinition[] = [
  { title: 'Request rate', unit: 'reqps', targets: [target(`tenant:mlops_http_requests:rate5m{${T}}`, '{{tenant}}')] },
  {
    title: 'Error ratio (5xx)',
    unit: 'percentunit',
    targets: [target(`tenant:mlops_http_errors:ratio_rate5m{${T}}`, '{{tenant}}')],
  },
  {
    title: 'Prediction latency p50 / p95 / p99',
    unit: 's',
    targets: ['p50', 'p95', 'p99'].map((q) =>
      target(`tenant:mlops_http_request_duration_seconds:${q}_5m{${T}}`, `{{tenant}} ${q}`),
    ),
  },
  {
    title: 'Predictions by label',
    unit: 'ops',
    targets: [target(`tenant:mlops_predictions:rate5m{${T}}`, '{{tenant}} {{label}}')],
  },
  {
    title: 'Replicas: current, desired and HPA maximum',
    unit: 'short',
    targets: (['status_current_replicas', 'status_desired_replicas', 'spec_max_replicas'] as const).map((s) =>
      target(`tenant:kube_horizontalpodautoscaler_${s}:max{${T}}`, `{{tenant}} ${s.split('_')[1]}`),
    ),
  },
  {
    title: 'Container restarts (15 min) and pods not ready',
    unit: 'short',
    targets: [
      target(
        withTenant(
          `sum by (namespace) (increase(kube_pod_container_status_restarts_total{${KSM_API_CONTAINER},${NS}}[15m]))`,
        ),
        '{{tenant}} restarts',
      ),
      target(
        withTenant(`sum by (namespace) (kube_pod_status_ready{condition="false",pod=~".+-${API_APP_NAME}-.+",${NS}})`),
        '{{tenant}} not ready',
      ),
    ],
  },
  {
    title: 'CPU per pod vs request and limit (cores)',
    unit: 'short',
    targets: [
      target(`tenant_pod:process_cpu_seconds:rate5m{${T}}`, '{{pod}} used'),
      target(`tenant_pod:kube_pod_container_resource_requests_cpu_cores:max{${T}}`, '{{pod}} request'),
      target(`tenant_pod:kube_pod_container_resource_limits_cpu_cores:max{${T}}`, '{{pod}} limit'),
    ],
  },
  {
    title: 'Memory per pod vs limit',
    unit: 'bytes',
    targets: [
      target(`tenant_pod:process_resident_memory_bytes:max{${T}}`, '{{pod}} resident'),
      target(`tenant_pod:kube_pod_container_resource_limits_memory_bytes:max{${T}}`, '{{pod}} limit'),
    ],
  },
  {
    title: 'Share of the limit used (CPU, memory)',
    unit: 'percentunit',
    targets: [
      target(
        `tenant_pod:process_cpu_seconds:rate5m{${T}} / tenant_pod:kube_pod_container_resource_limits_cpu_cores:max{${T}}`,
        '{{pod}} CPU',
      ),
      target(
        `tenant_pod:process_resident_memory_bytes:max{${T}} / tenant_pod:kube_pod_container_resource_limits_memory_bytes:max{${T}}`,
        '{{pod}} memory',
      ),
    ],
  },
  {
    title: 'Model version served (pods)',
    unit: 'short',
    targets: [
      target(`count by (tenant, version, backend) (${m.modelInfo.name}{${T}})`, '{{tenant}} {{version}} ({{backend}})'),
    ],
  },
  {
    title: 'Model reloads, rejections and fallbacks',
    unit: 'ops',
    targets: [
      target(`sum by (tenant, result) (rate(${m.modelReloads.name}{${API}}[15m]))`, '{{tenant}} reload {{result}}'),
      target(
        `sum by (tenant, reason) (rate(${m.modelRejections.name}{${API}}[15m]))`,
        '{{tenant}} rejected {{reason}}',
      ),
      target(`sum by (tenant) (rate(${m.modelFallbacks.name}{${API}}[15m]))`, '{{tenant}} fallback'),
    ],
  },
  {
    title: 'Shed requests',
    unit: 'reqps',
    targets: [target(`sum by (tenant, reason) (rate(${m.requestsShed.name}{${API}}[5m]))`, '{{tenant}} {{reason}}')],
  },
  {
    title: 'Model queue depth',
    unit: 'short',
    targets: [target(`max by (tenant) (${m.queueDepth.name}{${API}})`, '{{tenant}}')],
  },
  {
    title: 'Model load time',
    unit: 's',
    targets: [
      target(
        `sum by (tenant) (rate(${m.modelLoadDuration.name}_sum{${API}}[15m])) / sum by (tenant) (rate(${m.modelLoadDuration.name}_count{${API}}[15m]))`,
        '{{tenant}}',
      ),
    ],
  },
  {
    title: 'Micro-batch size (mean)',
    unit: 'short',
    targets: [
      target(
        `sum by (tenant) (rate(${m.batchSize.name}_sum{${API}}[5m])) / sum by (tenant) (rate(${m.batchSize.name}_count{${API}}[5m]))`,
        '{{tenant}}',
      ),
    ],
  },
  {
    title: 'Live TF.js tensors per pod',
    unit: 'short',
    targets: [target(`${m.tensors.name}{${API}}`, '{{pod}}')],
  },
  {
    title: 'Event-loop lag (p99)',
    unit: 's',
    targets: [target(`max by (tenant, pod) (${m.eventLoopLag.name}{${API}})`, '{{pod}}')],
  },
];
