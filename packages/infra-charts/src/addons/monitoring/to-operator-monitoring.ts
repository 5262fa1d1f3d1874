import { API_POD_SELECTOR } from '@mlops/shared/contract';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { MonitoringConfig } from '../../config/monitoring-config-schema.js';
import { operatorSelectors, SCRAPER_LABELS_ANNOTATION } from '../../network/metrics-scraper.js';
import { API_PORT_NAME, LABEL_TENANT, MINIO_NAMESPACE } from '../../platform-constants.js';
import { addonLabels } from '../addon-labels.js';
import { toRuleFile } from './monitoring-rules.js';
import { API_JOB } from './recording-rules.js';
import { toGrafanaDashboard } from './to-grafana-dashboard.js';

/** A custom resource of the Prometheus Operator (kube-prometheus-stack). */
export interface OperatorResource {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'PodMonitor' | 'PrometheusRule';
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec: Record<string, unknown>;
}

/** What operator mode needs; like standalone mode, nothing here is per tenant. */
export interface OperatorMonitoringSpec {
  readonly platformName: string;
  readonly objectStorage: 'minio' | 's3';
  readonly monitoring: MonitoringConfig;
}

const keepLabel = (source: string, target: string) => ({ sourceLabels: [source], targetLabel: target });

/**
 * For clusters that run kube-prometheus-stack: a PodMonitor selecting tenant API pods in any namespace by label,
 * one for MinIO when deployed, a PrometheusRule with the standalone rules (the stack's kube-state-metrics feeds
 * them), and the dashboard as a ConfigMap for the Grafana sidecar. Alerts go to the stack's Alertmanager.
 */
export function toOperatorMonitoring(spec: OperatorMonitoringSpec): Array<OperatorResource | IConfigMap> {
  const selectors = operatorSelectors(spec.monitoring.operator);
  const base = addonLabels('mlops-monitoring', 'monitoring', spec.platformName);
  const meta = (name: string, extra: Record<string, string>) => ({
    name,
    namespace: selectors.namespace,
    labels: { ...base, ...extra },
  });
  const api: OperatorResource = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: {
      ...meta('mlops-inference-api', selectors.podMonitorLabels),
      // For pnpm verify: the pods that tenants admit to their API port (the stack's Prometheus).
      annotations: {
        [SCRAPER_LABELS_ANNOTATION]: Object.entries(selectors.prometheusPodLabels)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      },
    },
    spec: {
      namespaceSelector: { any: true },
      selector: {
        matchLabels: { ...API_POD_SELECTOR },
        matchExpressions: [{ key: LABEL_TENANT, operator: 'Exists' }],
      },
      podMetricsEndpoints: [
        {
          port: API_PORT_NAME,
          path: '/metrics',
          relabelings: [
            { targetLabel: 'job', replacement: API_JOB },
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
    metadata: meta('mlops-minio', selectors.podMonitorLabels),
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
    metadata: meta('mlops-rules', selectors.ruleLabels),
    spec: toRuleFile({ objectStorage: spec.objectStorage, ownKubeStateMetrics: false }, spec.monitoring.runbookBaseUrl),
  };
  const dashboard: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('mlops-dashboard', { grafana_dashboard: '1' }),
    data: { 'mlops-inference.json': `${JSON.stringify(toGrafanaDashboard(), null, 2)}\n` },
  };
  return [api, ...(spec.objectStorage === 'minio' ? [minio] : []), rules, dashboard];
}
