import { Construct } from 'constructs';
import { kubeObject } from '../manifest/kube-object.js';
import { type ServiceRef, type WorkloadRef, workloadRefOf } from '../manifest/workload-ref.js';
import { API_PORT, API_PORT_NAME } from '../platform-constants.js';
import type { TenantSpec } from './tenant-spec.js';
import { toApiAutoscaler, toApiDisruptionBudget } from './to-autoscaling.js';
import { toApiConfigMap } from './to-config-map.js';
import { toApiDeployment } from './to-deployment.js';
import { toGpuScaledObject } from './to-gpu-autoscaling.js';
import { toApiService } from './to-service.js';

/** Props of {@link InferenceApi}: the resolved tenant. */
export interface InferenceApiProps extends TenantSpec {}

/**
 * The tenant's inference API: settings, Deployment, and the objects that refer to the Deployment through its typed
 * handle (the Service and budget select its pods, the autoscaler targets it), so they cannot drift from it.
 */
export class InferenceApi extends Construct {
  /** The API Deployment: namespace, name, selector and pod template labels. */
  readonly deployment: WorkloadRef;
  /** The ClusterIP Service in front of it. */
  readonly service: ServiceRef;
  constructor(scope: Construct, id: string, props: InferenceApiProps) {
    super(scope, id);
    kubeObject(this, 'config', toApiConfigMap(props));
    const deployment = toApiDeployment(props);
    kubeObject(this, 'deployment', deployment);
    this.deployment = workloadRefOf(deployment);
    const service = toApiService(props, this.deployment);
    kubeObject(this, 'service', service);
    this.service = {
      name: service.metadata?.name ?? '',
      namespace: this.deployment.namespace,
      port: API_PORT,
      portName: API_PORT_NAME,
    };
    kubeObject(
      this,
      'autoscaler',
      props.accelerator ? toGpuScaledObject(props, this.deployment) : toApiAutoscaler(props, this.deployment),
    );
    kubeObject(this, 'disruption-budget', toApiDisruptionBudget(props, this.deployment));
  }
}
