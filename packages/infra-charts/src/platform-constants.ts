/** Names and numbers that several constructs and the isolation proofs must agree on. */
export const API_PORT = 8000;
export const API_PORT_NAME = 'http';
export const API_UID = 10001;
export const MINIO_NAMESPACE = 'minio';
export const MINIO_API_PORT = 9000;
export const MINIO_SELECTOR = { 'app.kubernetes.io/name': 'minio' } as const;
export const MONITORING_NAMESPACE = 'monitoring';
export const KUBE_DNS_SELECTOR = { 'k8s-app': 'kube-dns' } as const;
export const LABEL_TENANT = 'mlops.platform/tenant';
export const LABEL_ROLE = 'mlops.platform/role';
export const MANAGED_BY = 'cdk8s';
/** Pod Security Standards level enforced on every platform namespace. */
export const POD_SECURITY_LEVEL = 'restricted';
export const POD_SECURITY_VERSION = 'v1.28';
