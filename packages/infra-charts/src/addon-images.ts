/**
 * Every third-party image the platform runs, pinned, in one place: the synthesizer uses these and
 * the image scan in CI reads this list.
 */
export const ADDON_IMAGES = {
  minio: 'quay.io/minio/minio:RELEASE.2024-10-13T13-34-11Z',
  minioClient: 'quay.io/minio/mc:RELEASE.2024-10-08T09-37-26Z',
  metricsServer: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
  prometheus: 'quay.io/prometheus/prometheus:v2.54.1',
  grafana: 'docker.io/grafana/grafana:11.2.2',
  alertmanager: 'quay.io/prometheus/alertmanager:v0.27.0',
  kubeStateMetrics: 'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0',
  configReloader: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.77.1',
} as const;
