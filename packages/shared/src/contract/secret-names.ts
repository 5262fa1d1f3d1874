/** Secrets created outside dist/ (cluster tool or operator) that the manifests reference: names and keys, once. */
export const MINIO_SECRETS = { root: 'minio-root-credentials', users: 'minio-user-credentials' } as const;
/** Keys of MINIO_SECRETS.root. */
export const MINIO_ROOT_KEYS = { user: 'rootUser', password: 'rootPassword' } as const;
/** The trainer's MinIO user (its key in MINIO_SECRETS.users). */
export const TRAINER_USER = 'model-trainer';
/** Secret with the trainer's S3 credentials (CREDENTIAL_KEYS). */
export const TRAINER_SECRET = 'model-trainer-credentials';
/** Secret with Grafana's admin login. */
export const GRAFANA_SECRET = 'grafana-admin-credentials';
/** Keys of GRAFANA_SECRET. */
export const GRAFANA_KEYS = { user: 'admin-user', password: 'admin-password' } as const;
/** Keys of every S3 credentials Secret (tenant and trainer), read by the AWS SDK from the environment. */
export const CREDENTIAL_KEYS = { accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY' } as const;
/** Suffix of each tenant's credentials Secret: `<tenant>-model-store-credentials`. */
export const TENANT_CREDENTIALS_SUFFIX = '-model-store-credentials';

/** The S3 credentials Secret of a tenant, in the tenant's namespace. */
export function tenantCredentialsSecret(tenant: string): string {
  return `${tenant}${TENANT_CREDENTIALS_SUFFIX}`;
}

/** Suffix of each tenant's API key Secret (hashes only, created by `pnpm cluster keys`): `<tenant>-api-keys`. */
export const API_KEYS_SECRET_SUFFIX = '-api-keys';
/** The key of the tenant's API key Secret that holds the key hashes. */
export const API_KEYS_SECRET_KEY = 'api-keys';
/** Where the API pod mounts its key Secret (read-only); API_KEYS_FILE is `<dir>/<API_KEYS_SECRET_KEY>`. */
export const API_KEYS_MOUNT_DIR = '/etc/mlops/api-keys';

/** The API key Secret of a tenant, in the tenant's namespace. */
export function apiKeysSecret(tenant: string): string {
  return `${tenant}${API_KEYS_SECRET_SUFFIX}`;
}
