import type { AlertingConfig } from '../../config/monitoring-config-schema.js';
import { emitYaml } from '../../manifest/emit-yaml.js';
import type { KubeManifest } from '../../manifest/kube-object.js';
import { addonLabels } from '../addon-labels.js';
import { toRuleFile } from './monitoring-rules.js';
import { toAlertmanager } from './to-alertmanager.js';
import { toGrafana } from './to-grafana.js';
import { toKubeStateMetrics } from './to-kube-state-metrics.js';
import { toMonitoringNetworkPolicies } from './to-monitoring-network-policies.js';
import { toPrometheus } from './to-prometheus.js';

/** What {@link toStandaloneMonitoring} needs; none of it is the tenant list, so the file is the same for 1 or 1000 tenants. */
export interface StandaloneMonitoringSpec {
  readonly platformName: string;
  readonly storageClass: string;
  readonly objectStorage: 'minio' | 's3';
  /** Where the Kubernetes API is, for Prometheus's pod discovery and kube-state-metrics egress. */
  readonly kubernetesApiCidrs: readonly string[];
  readonly alerting: AlertingConfig;
  /** Base of every alert's runbook_url. */
  readonly runbookBaseUrl: string;
}

/**
 * Standalone monitoring: Prometheus (rules, alerting), Alertmanager, kube-state-metrics and Grafana (dashboard),
 * isolated by NetworkPolicies.
 */
export function toStandaloneMonitoring(spec: StandaloneMonitoringSpec): KubeManifest[] {
  const ruleScope = { objectStorage: spec.objectStorage, ownKubeStateMetrics: true };
  return [
    ...toPrometheus({
      platformName: spec.platformName,
      storageClass: spec.storageClass,
      objectStorage: spec.objectStorage,
      rules: emitYaml(toRuleFile(ruleScope, spec.runbookBaseUrl)),
    }),
    ...toAlertmanager(spec.platformName, spec.alerting),
    ...toKubeStateMetrics(spec.platformName),
    ...toGrafana(spec.platformName),
    ...toMonitoringNetworkPolicies(addonLabels('monitoring', 'monitoring', spec.platformName), {
      kubernetesApiCidrs: spec.kubernetesApiCidrs,
      objectStorage: spec.objectStorage,
      alertEgressCidrs: spec.alerting.egressCidrs,
    }),
  ];
}
