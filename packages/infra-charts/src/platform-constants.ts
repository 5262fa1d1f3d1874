import { APP_NAME_LABEL, MINIO_SERVICE } from '@mlops/shared/contract';

/** Names and numbers that several constructs and the isolation proofs must agree on. */
export { API_PORT, MINIO_API_PORT, MINIO_NAMESPACE } from '@mlops/shared/contract';
export const API_PORT_NAME = 'http';
export const API_UID = 10001;
/** Name of the API container in a tenant pod (kube-state-metrics series are selected by it). */
export const API_CONTAINER = 'inference-api';
/** Seconds Kubernetes waits after SIGTERM; the API drains within it (its own grace is shorter). */
export const API_TERMINATION_GRACE_SECONDS = 30;
/** After SIGTERM the API serves on this long (/ready 503) while the pod leaves the Service's endpoints... */
export const API_SHUTDOWN_DELAY_SECONDS = 5;
/** ...then drains in-flight requests for at most this long; both fit in the termination grace period. */
export const API_SHUTDOWN_GRACE_SECONDS = 20;
/** The API's only writable place, /tmp, as an emptyDir of this size. */
export const API_TMP_SIZE_MEBIBYTES = 64;
export const MINIO_SELECTOR = { [APP_NAME_LABEL]: MINIO_SERVICE } as const;
export const MONITORING_NAMESPACE = 'monitoring';
/** The namespace the trainer Job (and MinIO's provisioning secrets) live in. */
export const SYSTEM_NAMESPACE = 'mlops-system';
export const KUBE_DNS_SELECTOR = { 'k8s-app': 'kube-dns' } as const;
export const LABEL_TENANT = 'mlops.platform/tenant';
export const LABEL_ROLE = 'mlops.platform/role';
export const MANAGED_BY = 'cdk8s';
/** Pod Security Standards level enforced on every platform namespace. */
export const POD_SECURITY_LEVEL = 'restricted';
export const POD_SECURITY_VERSION = 'v1.28';
