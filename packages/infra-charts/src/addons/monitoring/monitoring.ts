import { Construct } from 'constructs';
import type { AlertingConfig } from '../../config/monitoring-config-schema.js';
import { kubeObject } from '../../manifest/kube-object.js';
import { emitYaml } from '../../synth/emit-yaml.js';
import { addonLabels } from '../addon-labels.js';
import { toRuleFile } from './monitoring-rules.js';
import { toAlertmanager } from './to-alertmanager.js';
import { toGrafana } from './to-grafana.js';
import { toKubeStateMetrics } from './to-kube-state-metrics.js';
import { toMonitoringNetworkPolicies } from './to-monitoring-network-policies.js';
import { toPrometheus } from './to-prometheus.js';

/** Props of {@link Monitoring}; none of them is the tenant list, so this file is the same for 1 or 1000 tenants. */
export interface MonitoringProps {
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
export class Monitoring extends Construct {
  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const ruleScope = { objectStorage: props.objectStorage, ownKubeStateMetrics: true };
    const objects = [
      ...toPrometheus({
        platformName: props.platformName,
        storageClass: props.storageClass,
        objectStorage: props.objectStorage,
        rules: emitYaml(toRuleFile(ruleScope, props.runbookBaseUrl)),
      }),
      ...toAlertmanager(props.platformName, props.alerting),
      ...toKubeStateMetrics(props.platformName),
      ...toGrafana(props.platformName),
      ...toMonitoringNetworkPolicies(addonLabels('monitoring', 'monitoring', props.platformName), {
        kubernetesApiCidrs: props.kubernetesApiCidrs,
        objectStorage: props.objectStorage,
        alertEgressCidrs: props.alerting.egressCidrs,
      }),
    ];
    for (const m of objects) kubeObject(this, `${m.kind}-${m.metadata?.namespace}-${m.metadata?.name}`, m);
  }
}
