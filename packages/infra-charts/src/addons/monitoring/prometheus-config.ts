import { API_APP_NAME, APP_NAME_LABEL, minioAddress } from '@mlops/shared/contract';
import { API_PORT_NAME, LABEL_TENANT, MONITORING_NAMESPACE } from '../../platform-constants.js';
import { API_JOB } from './recording-rules.js';

/** Where the config and rule ConfigMaps are mounted in the Prometheus pod (whole directories: no subPath). */
export const CONFIG_DIR = '/etc/prometheus/config';
export const RULES_DIR = '/etc/prometheus/rules';
export const ALERTMANAGER_PORT = 9093;
export const KUBE_STATE_METRICS_PORT = 8080;

/** What the scrape config depends on: the components the profile deploys, never the tenant list. */
export interface PrometheusConfigSpec {
  readonly objectStorage: 'minio' | 's3';
}

/** Kubernetes pod label `key` as Prometheus's discovery meta label. */
const podLabel = (key: string) => `__meta_kubernetes_pod_label_${key.replace(/[^a-zA-Z0-9_]/g, '_')}`;

/**
 * prometheus.yml. Tenant API pods are discovered cluster-wide by their labels (a label selector evaluated by
 * the API server, then kept by port name), so adding or removing a tenant changes nothing here. Also scrapes
 * kube-state-metrics, MinIO when the profile runs it, and sends alerts to the platform's Alertmanager.
 */
export function toPrometheusConfig(spec: PrometheusConfigSpec) {
  const svc = (name: string, port: number) => `${name}.${MONITORING_NAMESPACE}.svc.cluster.local:${port}`;
  return {
    global: { scrape_interval: '15s', scrape_timeout: '10s', evaluation_interval: '30s' },
    rule_files: [`${RULES_DIR}/*.yaml`],
    alerting: {
      alertmanagers: [{ static_configs: [{ targets: [svc('alertmanager', ALERTMANAGER_PORT)] }] }],
    },
    scrape_configs: [
      {
        job_name: API_JOB,
        kubernetes_sd_configs: [
          {
            role: 'pod',
            selectors: [{ role: 'pod', label: `${APP_NAME_LABEL}=${API_APP_NAME},${LABEL_TENANT}` }],
          },
        ],
        relabel_configs: [
          { source_labels: [podLabel(APP_NAME_LABEL)], action: 'keep', regex: API_APP_NAME },
          { source_labels: [podLabel(LABEL_TENANT)], action: 'keep', regex: '.+' },
          { source_labels: ['__meta_kubernetes_pod_container_port_name'], action: 'keep', regex: API_PORT_NAME },
          { source_labels: [podLabel(LABEL_TENANT)], target_label: 'tenant' },
          { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
          { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        ],
        // The API labels its own series with its tenant too; keep the one from the pod label.
        metric_relabel_configs: [{ action: 'labeldrop', regex: 'exported_tenant' }],
      },
      {
        job_name: 'kube-state-metrics',
        // Its series carry the namespace/pod of the object they describe: keep those, not the target's.
        honor_labels: true,
        static_configs: [{ targets: [svc('kube-state-metrics', KUBE_STATE_METRICS_PORT)] }],
      },
      ...(spec.objectStorage === 'minio'
        ? [
            {
              job_name: 'minio',
              metrics_path: '/minio/v2/metrics/cluster',
              static_configs: [
                {
                  targets: [minioAddress()],
                  labels: { instance: 'minio' },
                },
              ],
            },
          ]
        : []),
    ],
  };
}
