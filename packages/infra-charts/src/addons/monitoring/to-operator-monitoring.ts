import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { MINIO_NAMESPACE, MONITORING_NAMESPACE } from '../../platform-constants.js';
import { addonLabels } from '../addon-labels.js';
import { toGrafanaDashboard } from './monitoring-dashboard.js';
import { type TenantLimits, toRuleFile } from './monitoring-rules.js';

/** A custom resource of the Prometheus Operator (kube-prometheus-stack). */
export interface OperatorResource {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'PodMonitor' | 'PrometheusRule';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> };
  readonly spec: Record<string, unknown>;
}

/** What operator mode needs. */
export interface OperatorMonitoringSpec {
  readonly platformName: string;
  readonly tenants: readonly TenantLimits[];
  /** Label the operator's Prometheus selects monitors and rules by. @default 'kube-prometheus-stack' (the chart's release) */
  readonly release?: string;
}

const keepLabel = (source: string, target: string) => ({ sourceLabels: [source], targetLabel: target });

/**
 * For clusters that run kube-prometheus-stack: PodMonitors (API pods of the tenant namespaces, MinIO), a
 * PrometheusRule with the same rules as standalone mode, and the dashboard as a ConfigMap for the Grafana sidecar.
 */
export function toOperatorMonitoring(spec: OperatorMonitoringSpec): Array<OperatorResource | IConfigMap> {
  const labels = {
    ...addonLabels('mlops-monitoring', 'monitoring', spec.platformName),
    release: spec.release ?? 'kube-prometheus-stack',
  };
  const meta = (name: string) => ({ name, namespace: MONITORING_NAMESPACE, labels });
  const api: OperatorResource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: meta('mlops-inference-api'),
    spec: {
      namespaceSelector: { matchNames: spec.tenants.map((t) => t.name) },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'ml-inference' } },
      podMetricsEndpoints: [
        {
          port: 'http',
          path: '/metrics',
          relabelings: [
            { targetLabel: 'job', replacement: 'inference-api' },
            keepLabel('__meta_kubernetes_pod_label_mlops_platform_tenant', 'tenant'),
            keepLabel('__meta_kubernetes_namespace', 'namespace'),
            keepLabel('__meta_kubernetes_pod_name', 'pod'),
          ],
          metricRelabelings: [{ action: 'labeldrop', regex: 'exported_tenant' }],
        },
      ],
    },
  };
  const minio: OperatorResource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: meta('mlops-minio'),
    spec: {
      namespaceSelector: { matchNames: [MINIO_NAMESPACE] },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'minio' } },
      podMetricsEndpoints: [
        {
          port: 'api',
          path: '/minio/v2/metrics/cluster',
          relabelings: [
            { targetLabel: 'job', replacement: 'minio' },
            { targetLabel: 'instance', replacement: 'minio' },
          ],
        },
      ],
    },
  };
  const rules: OperatorResource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: meta('mlops-rules'),
    spec: toRuleFile(spec.tenants),
  };
  const dashboard: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { ...meta('mlops-dashboard'), labels: { ...labels, grafana_dashboard: '1' } },
    data: { 'mlops-inference.json': `${JSON.stringify(toGrafanaDashboard('prometheus', spec.tenants), null, 2)}\n` },
  };
  return [api, minio, rules, dashboard];
}
