import { METRICS } from '@mlops/shared/metrics';
import type { TenantLimits } from './monitoring-rules.js';

/** One dashboard panel: a title, its unit and PromQL queries (legend in Grafana's format). */
export interface PanelDefinition {
  readonly title: string;
  readonly unit: string;
  readonly targets: ReadonlyArray<{ readonly expr: string; readonly legend: string }>;
}

const m = METRICS;
const T = 'tenant=~"$tenant"';

/** The platform dashboard: traffic, errors, latency, predictions, scaling, resources, model. */
export const DASHBOARD_PANELS: readonly PanelDefinition[] = [
  {
    title: 'Request rate',
    unit: 'reqps',
    targets: [{ expr: `tenant:mlops_http_requests:rate5m{${T}}`, legend: '{{tenant}}' }],
  },
  {
    title: 'Error ratio (5xx)',
    unit: 'percentunit',
    targets: [{ expr: `tenant:mlops_http_errors:ratio_rate5m{${T}}`, legend: '{{tenant}}' }],
  },
  {
    title: 'Prediction latency p50 / p95 / p99',
    unit: 's',
    targets: ['p50', 'p95', 'p99'].map((q) => ({
      expr: `tenant:mlops_http_request_duration_seconds:${q}_5m{${T}}`,
      legend: `{{tenant}} ${q}`,
    })),
  },
  {
    title: 'Predictions by label',
    unit: 'ops',
    targets: [{ expr: `tenant:mlops_predictions:rate5m{${T}}`, legend: '{{tenant}} {{label}}' }],
  },
  {
    title: 'Replicas scraped vs HPA maximum',
    unit: 'short',
    targets: [
      { expr: `count by (tenant) (up{job="inference-api",${T}} == 1)`, legend: '{{tenant}} replicas up' },
      { expr: `count by (tenant) (${m.modelReady.name}{${T}} == 1)`, legend: '{{tenant}} replicas with a model' },
    ],
  },
  {
    title: 'CPU per pod',
    unit: 'percentunit',
    targets: [{ expr: `rate(mlops_process_cpu_seconds_total{job="inference-api",${T}}[5m])`, legend: '{{pod}}' }],
  },
  {
    title: 'Memory per pod',
    unit: 'bytes',
    targets: [{ expr: `mlops_process_resident_memory_bytes{job="inference-api",${T}}`, legend: '{{pod}}' }],
  },
  {
    title: 'Model version',
    unit: 'short',
    targets: [
      {
        expr: `count by (tenant, version, backend) (${m.modelInfo.name}{${T}})`,
        legend: '{{tenant}} {{version}} ({{backend}})',
      },
    ],
  },
  {
    title: 'Model load time',
    unit: 's',
    targets: [
      {
        expr: `rate(${m.modelLoadDuration.name}_sum{${T}}[15m]) / rate(${m.modelLoadDuration.name}_count{${T}}[15m])`,
        legend: '{{tenant}} {{result}}',
      },
    ],
  },
  {
    title: 'TF.js tensors and memory',
    unit: 'short',
    targets: [
      { expr: `${m.tensors.name}{${T}}`, legend: '{{pod}} tensors' },
      { expr: `${m.tensorBytes.name}{${T}}`, legend: '{{pod}} bytes' },
    ],
  },
  {
    title: 'Micro-batch size (mean)',
    unit: 'short',
    targets: [
      {
        expr: `sum by (tenant) (rate(${m.batchSize.name}_sum{${T}}[5m])) / sum by (tenant) (rate(${m.batchSize.name}_count{${T}}[5m]))`,
        legend: '{{tenant}}',
      },
    ],
  },
];

/** A constant series per tenant (its HPA maximum, its limits), known from the config at synth time. */
function perTenantConstant(tenants: readonly TenantLimits[], value: (t: TenantLimits) => number, legend: string) {
  return tenants.map((t) => ({
    expr: `label_replace(vector(${value(t)}), "tenant", "${t.name}", "", "")`,
    legend: `{{tenant}} ${legend}`,
  }));
}

/** Panels that compare live figures with the limits the config sets. */
function limitPanels(tenants: readonly TenantLimits[]): PanelDefinition[] {
  return [
    {
      title: 'Replicas vs HPA maximum',
      unit: 'short',
      targets: [
        { expr: `count by (tenant) (up{job="inference-api",${T}} == 1)`, legend: '{{tenant}} replicas up' },
        ...perTenantConstant(tenants, (t) => t.maxReplicas, 'HPA max'),
      ],
    },
    {
      title: 'CPU per pod vs limit',
      unit: 'short',
      targets: [
        { expr: `rate(mlops_process_cpu_seconds_total{job="inference-api",${T}}[5m])`, legend: '{{pod}} cores' },
        ...perTenantConstant(tenants, (t) => t.limitsCpuCores, 'limit (cores)'),
      ],
    },
    {
      title: 'Memory per pod vs limit',
      unit: 'bytes',
      targets: [
        { expr: `mlops_process_resident_memory_bytes{job="inference-api",${T}}`, legend: '{{pod}}' },
        ...perTenantConstant(tenants, (t) => t.limitsMemoryBytes, 'limit'),
      ],
    },
  ];
}

/** The dashboard as Grafana JSON, with a `tenant` variable fed from the metrics. */
export function toGrafanaDashboard(datasourceUid: string, tenants: readonly TenantLimits[] = []) {
  const datasource = { type: 'prometheus', uid: datasourceUid };
  return {
    uid: 'mlops-inference',
    title: 'MLOps inference platform',
    tags: ['mlops'],
    timezone: 'utc',
    schemaVersion: 39,
    refresh: '30s',
    time: { from: 'now-1h', to: 'now' },
    templating: {
      list: [
        {
          name: 'tenant',
          type: 'query',
          datasource,
          query: `label_values(${METRICS.httpRequests.name}, tenant)`,
          refresh: 2,
          includeAll: true,
          multi: true,
          current: { text: 'All', value: '$__all' },
        },
      ],
    },
    panels: [...DASHBOARD_PANELS, ...limitPanels(tenants)].map((p, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: p.title,
      datasource,
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: p.targets.map((t, j) => ({
        refId: String.fromCharCode(65 + j),
        expr: t.expr,
        legendFormat: t.legend,
        datasource,
      })),
    })),
  };
}
