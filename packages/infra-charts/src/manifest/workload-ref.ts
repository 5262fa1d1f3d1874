import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';

/** A typed handle on a workload: what a Service, autoscaler, budget or NetworkPolicy needs to refer to it. */
export interface WorkloadRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The workload's `spec.selector.matchLabels`: the pods it owns. */
  readonly selector: Readonly<Record<string, string>>;
  /** The labels of its pod template (a superset of the selector). */
  readonly podLabels: Readonly<Record<string, string>>;
}

/** The handle of a built Deployment; throws, naming the Deployment, when it lacks a namespace or a label selector. */
export function workloadRefOf(deployment: IDeployment): WorkloadRef {
  const name = deployment.metadata?.name ?? '';
  const namespace = deployment.metadata?.namespace;
  const selector = deployment.spec?.selector.matchLabels;
  const podLabels = deployment.spec?.template.metadata?.labels ?? {};
  if (!namespace || !selector || Object.keys(selector).length === 0)
    throw new Error(`Deployment ${name}: a workload handle needs metadata.namespace and spec.selector.matchLabels`);
  const missing = Object.entries(selector).filter(([k, v]) => podLabels[k] !== v);
  if (missing.length > 0)
    throw new Error(
      `Deployment ${namespace}/${name}: the pod template lacks selector labels ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}`,
    );
  return { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace, selector, podLabels };
}

/** A typed handle on a Service: where clients of a workload connect. */
export interface ServiceRef {
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
  readonly portName: string;
}

/** `http://<service>.<namespace>.svc:<port>`: the in-cluster URL of a Service. */
export const serviceUrl = (s: ServiceRef) => `http://${s.name}.${s.namespace}.svc:${s.port}`;
