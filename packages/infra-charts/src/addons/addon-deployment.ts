import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IDeploymentStrategy } from 'kubernetes-models/apps/v1/DeploymentStrategy';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { addonSelector } from './addon-labels.js';

/** What differs between the platform's add-on Deployments; the rest of their shape is shared. */
export interface AddonDeploymentProps {
  readonly metadata: NonNullable<IDeployment['metadata']>;
  /** The add-on's name: its pods are selected by {@link addonSelector} of it. */
  readonly name: string;
  /** Labels of the pods (the add-on's recommended labels). */
  readonly labels: Record<string, string>;
  readonly pod: IPodSpec;
  /** @default - the API server's default (RollingUpdate) */
  readonly strategy?: IDeploymentStrategy;
  /** @default 1 */
  readonly replicas?: number;
}

/** One add-on Deployment: a fixed replica count, the immutable selector from its name, labelled pods. */
export function toAddonDeployment(props: AddonDeploymentProps): IDeployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: props.metadata,
    spec: {
      replicas: props.replicas ?? 1,
      ...(props.strategy ? { strategy: props.strategy } : {}),
      selector: { matchLabels: addonSelector(props.name) },
      template: { metadata: { labels: props.labels }, spec: props.pod },
    },
  };
}
