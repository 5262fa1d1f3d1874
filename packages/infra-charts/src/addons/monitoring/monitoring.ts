import { Construct } from 'constructs';
import { kubeObject } from '../../manifest/kube-object.js';
import { emitYaml } from '../../synth/emit-yaml.js';
import { addonLabels } from '../addon-labels.js';
import { type TenantLimits, toRuleFile } from './monitoring-rules.js';
import { toGrafana } from './to-grafana.js';
import { toMonitoringNetworkPolicies } from './to-monitoring-network-policies.js';
import { toPrometheus } from './to-prometheus.js';

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  readonly platformName: string;
  readonly storageClass: string;
  readonly tenants: readonly TenantLimits[];
  /** Where the Kubernetes API is, for Prometheus's pod discovery egress. */
  readonly kubernetesApiCidrs: readonly string[];
}

/** Standalone monitoring: Prometheus (rules included) and Grafana (dashboard included), isolated by NetworkPolicies. */
export class Monitoring extends Construct {
  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const objects = [
      ...toPrometheus({
        platformName: props.platformName,
        storageClass: props.storageClass,
        tenantNamespaces: props.tenants.map((t) => t.name),
        rules: emitYaml(toRuleFile(props.tenants)),
      }),
      ...toGrafana(props.platformName, props.tenants),
      ...toMonitoringNetworkPolicies(
        addonLabels('monitoring', 'monitoring', props.platformName),
        props.kubernetesApiCidrs,
      ),
    ];
    for (const m of objects) kubeObject(this, `${m.kind}-${m.metadata?.namespace}-${m.metadata?.name}`, m);
  }
}
