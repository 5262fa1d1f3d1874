import { Construct } from 'constructs';
import { kubeObject } from '../manifest/kube-object.js';
import type { ManifestObject } from '../manifest/manifest-object.js';
import type { TenantSpec } from './tenant-spec.js';
import { toApiAutoscaler, toApiDisruptionBudget } from './to-autoscaling.js';
import { toApiConfigMap } from './to-config-map.js';
import { toApiDeployment } from './to-deployment.js';
import { toGpuScaledObject } from './to-gpu-autoscaling.js';
import { toApiService } from './to-service.js';

/** Props of {@link InferenceApi}: the resolved tenant. */
export interface InferenceApiProps extends TenantSpec {}

/** The tenant's inference API: settings, Deployment, Service, autoscaler and disruption budget. */
export class InferenceApi extends Construct {
  readonly deployment: ManifestObject;
  constructor(scope: Construct, id: string, props: InferenceApiProps) {
    super(scope, id);
    kubeObject(this, 'config', toApiConfigMap(props));
    this.deployment = kubeObject(this, 'deployment', toApiDeployment(props));
    kubeObject(this, 'service', toApiService(props));
    kubeObject(this, 'autoscaler', props.accelerator ? toGpuScaledObject(props) : toApiAutoscaler(props));
    kubeObject(this, 'disruption-budget', toApiDisruptionBudget(props));
  }
}
