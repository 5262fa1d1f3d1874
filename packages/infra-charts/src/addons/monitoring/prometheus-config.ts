import { MINIO_API_PORT, MINIO_NAMESPACE } from '../../platform-constants.js';

/** Where the rule file is mounted in the Prometheus pod. */
export const RULES_DIR = '/etc/prometheus/rules';

/**
 * prometheus.yml: the tenants' API pods only (Kubernetes pod discovery limited to the tenant namespaces,
 * kept by label and port name, labelled with tenant/namespace/pod), and MinIO's cluster metrics.
 */
export function toPrometheusConfig(tenantNamespaces: readonly string[]) {
  return {
    global: { scrape_interval: '15s', scrape_timeout: '10s', evaluation_interval: '30s' },
    rule_files: [`${RULES_DIR}/*.yaml`],
    scrape_configs: [
      {
        job_name: 'inference-api',
        kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [...tenantNamespaces] } }],
        relabel_configs: [
          {
            source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'],
            action: 'keep',
            regex: 'ml-inference',
          },
          { source_labels: ['__meta_kubernetes_pod_container_port_name'], action: 'keep', regex: 'http' },
          { source_labels: ['__meta_kubernetes_pod_label_mlops_platform_tenant'], target_label: 'tenant' },
          { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
          { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        ],
        // The API labels its own series with its tenant too; keep the one from the pod label.
        metric_relabel_configs: [{ action: 'labeldrop', regex: 'exported_tenant' }],
      },
      {
        job_name: 'minio',
        metrics_path: '/minio/v2/metrics/cluster',
        static_configs: [
          { targets: [`minio.${MINIO_NAMESPACE}.svc.cluster.local:${MINIO_API_PORT}`], labels: { instance: 'minio' } },
        ],
      },
    ],
  };
}
