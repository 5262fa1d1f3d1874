import { Construct } from 'constructs';
import { kubeObject } from '../../manifest/kube-object.js';
import { type MetricsServerSpec, toMetricsServer } from './to-metrics-server.js';

/** Props of {@link MetricsServer}. */
export interface MetricsServerProps extends MetricsServerSpec {}

/** metrics-server in kube-system, so that HorizontalPodAutoscalers see CPU usage. */
export class MetricsServer extends Construct {
  constructor(scope: Construct, id: string, props: MetricsServerProps) {
    super(scope, id);
    for (const manifest of toMetricsServer(props))
      kubeObject(this, `${manifest.kind}-${manifest.metadata?.name}`, manifest);
  }
}
