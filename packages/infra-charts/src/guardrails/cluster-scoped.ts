/** Kinds that live outside namespaces; a namespace on them is a bug (a known cdk8s pitfall). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'APIService',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'NodePool',
  'EC2NodeClass',
  'ClusterIssuer',
  'GatewayClass',
]);
