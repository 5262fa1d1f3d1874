import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { Manifest } from './manifest.js';
import { ManifestObject } from './manifest-object.js';

/** The kinds the platform emits: API version and the typed (Kubernetes 1.28) props-to-JSON converter of cdk8s-plus-28. */
const KINDS = {
  Namespace: { apiVersion: 'v1', toJson: k8s.toJson_KubeNamespaceProps },
  ServiceAccount: { apiVersion: 'v1', toJson: k8s.toJson_KubeServiceAccountProps },
  ConfigMap: { apiVersion: 'v1', toJson: k8s.toJson_KubeConfigMapProps },
  Service: { apiVersion: 'v1', toJson: k8s.toJson_KubeServiceProps },
  ResourceQuota: { apiVersion: 'v1', toJson: k8s.toJson_KubeResourceQuotaProps },
  LimitRange: { apiVersion: 'v1', toJson: k8s.toJson_KubeLimitRangeProps },
  PersistentVolumeClaim: { apiVersion: 'v1', toJson: k8s.toJson_KubePersistentVolumeClaimProps },
  Deployment: { apiVersion: 'apps/v1', toJson: k8s.toJson_KubeDeploymentProps },
  StatefulSet: { apiVersion: 'apps/v1', toJson: k8s.toJson_KubeStatefulSetProps },
  Job: { apiVersion: 'batch/v1', toJson: k8s.toJson_KubeJobProps },
  Role: { apiVersion: 'rbac.authorization.k8s.io/v1', toJson: k8s.toJson_KubeRoleProps },
  RoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', toJson: k8s.toJson_KubeRoleBindingProps },
  ClusterRole: { apiVersion: 'rbac.authorization.k8s.io/v1', toJson: k8s.toJson_KubeClusterRoleProps },
  ClusterRoleBinding: { apiVersion: 'rbac.authorization.k8s.io/v1', toJson: k8s.toJson_KubeClusterRoleBindingProps },
  NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', toJson: k8s.toJson_KubeNetworkPolicyProps },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', toJson: k8s.toJson_KubeHorizontalPodAutoscalerV2Props },
  PodDisruptionBudget: { apiVersion: 'policy/v1', toJson: k8s.toJson_KubePodDisruptionBudgetProps },
  APIService: { apiVersion: 'apiregistration.k8s.io/v1', toJson: k8s.toJson_KubeApiServiceProps },
} as const;

export type KubeKind = keyof typeof KINDS;
export type KubeProps<K extends KubeKind> = NonNullable<Parameters<(typeof KINDS)[K]['toJson']>[0]>;

/** Converts typed props of a kind into its plain manifest; pure, so tests need no chart. */
export function toManifest<K extends KubeKind>(kind: K, props: KubeProps<K>): Manifest {
  const { apiVersion, toJson } = KINDS[kind];
  const body = (toJson as (p: KubeProps<K>) => Record<string, unknown>)(props);
  return { apiVersion, kind, ...body } as Manifest;
}

/** Adds one typed Kubernetes object to a construct tree. */
export function kubeObject<K extends KubeKind>(
  scope: Construct,
  id: string,
  kind: K,
  props: KubeProps<K>,
): ManifestObject {
  return new ManifestObject(scope, id, toManifest(kind, props));
}
