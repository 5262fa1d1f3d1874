import type { MonitoringConfig, OperatorConfig } from '../config/monitoring-config-schema.js';
import { MONITORING_NAMESPACE } from '../platform-constants.js';

/**
 * Annotation on the operator-mode PodMonitor: the labels of the Prometheus pods expected to scrape tenants
 * (`key=value,key=value`). The stack itself is not in dist/, so verify models it from this.
 */
export const SCRAPER_LABELS_ANNOTATION = 'mlops.platform/scraper-pod-labels';

/** The pods allowed to scrape the tenants' API port: a namespace and the labels of the Prometheus pods in it. */
export interface MetricsScraper {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
}

/** The selectors of kube-prometheus-stack for a release, with the chart's defaults where the config is silent. */
export function operatorSelectors(operator: OperatorConfig) {
  const release = { release: operator.release };
  return {
    namespace: operator.namespace,
    podMonitorLabels: operator.podMonitorSelector ?? release,
    ruleLabels: operator.ruleSelector ?? release,
    prometheusPodLabels: operator.prometheusPodLabels ?? {
      'app.kubernetes.io/name': 'prometheus',
      'operator.prometheus.io/name': `${operator.release}-prometheus`,
    },
  };
}

/** Standalone: the platform's own Prometheus. Operator mode: the stack's Prometheus pods, nothing else of the stack. */
export function metricsScraperOf(monitoring: MonitoringConfig): MetricsScraper {
  if (monitoring.mode === 'standalone')
    return { namespace: MONITORING_NAMESPACE, podLabels: { 'app.kubernetes.io/name': 'prometheus' } };
  const selectors = operatorSelectors(monitoring.operator);
  return { namespace: selectors.namespace, podLabels: selectors.prometheusPodLabels };
}
