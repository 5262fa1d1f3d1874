import type { Manifest } from '../manifest/manifest.js';
import { SCRAPER_LABELS_ANNOTATION } from '../network/metrics-scraper.js';
import type { Endpoint } from './cluster-model.js';

/** Id of the endpoint that scrapes the tenants, in either mode (the standalone Deployment is named so too). */
export const scraperId = (namespace: string) => `${namespace}/prometheus`;

const parseLabels = (text: string) =>
  Object.fromEntries(
    text
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  );

/**
 * The kube-prometheus-stack pods operator mode relies on: its Prometheus (labels from the annotation) and, to
 * prove nothing else of the stack reaches tenants, its Grafana. Both live in the PodMonitor's namespace.
 */
export function operatorStackEndpoints(manifests: readonly Manifest[], firstIndex: number) {
  const namespaces = new Map<string, Record<string, string>>();
  const endpoints: Endpoint[] = [];
  for (const m of manifests) {
    const annotations = m.metadata.annotations as Record<string, string> | undefined;
    const labels = annotations?.[SCRAPER_LABELS_ANNOTATION];
    if (m.kind !== 'PodMonitor' || labels === undefined) continue;
    const ns = m.metadata.namespace ?? 'default';
    if (namespaces.has(ns)) continue;
    namespaces.set(ns, { 'kubernetes.io/metadata.name': ns });
    const n = firstIndex + endpoints.length + 1;
    const ip = (k: number) => `10.244.${Math.floor((n + k) / 250)}.${((n + k) % 250) + 1}`;
    endpoints.push(
      { id: scraperId(ns), namespace: ns, labels: parseLabels(labels), ip: ip(0), ports: [], external: false },
      {
        id: `${ns}/stack-grafana`,
        namespace: ns,
        labels: { 'app.kubernetes.io/name': 'grafana' },
        ip: ip(1),
        ports: [],
        external: false,
      },
    );
  }
  return { namespaces, endpoints };
}
