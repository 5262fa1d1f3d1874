import {
  API_KEYS_SECRET_KEY,
  apiKeysSecret,
  CREDENTIAL_KEYS,
  GRAFANA_KEYS,
  GRAFANA_SECRET,
  MINIO_ROOT_KEYS,
  MINIO_SECRETS,
  TRAINER_SECRET,
  TRAINER_USER,
} from '@mlops/shared/contract';
import { MINIO_NAMESPACE, MONITORING_NAMESPACE, SYSTEM_NAMESPACE } from '../platform-constants.js';
import { tenantNames } from '../tenant/tenant-names.js';

/** A Secret the manifests reference but never contain: created outside dist/ (random values), named only here. */
export interface ExternalSecret {
  /** What it holds, so the cluster tool knows how to generate it. */
  readonly role:
    | 'minio-root'
    | 'minio-users'
    | 'tenant-credentials'
    | 'tenant-api-keys'
    | 'trainer-credentials'
    | 'grafana-admin';
  readonly namespace: string;
  readonly name: string;
  /** The keys the workloads read. */
  readonly keys: readonly string[];
  /** The tenant it belongs to, for per-tenant creation and removal. @default - a platform Secret */
  readonly tenant?: string;
}

/** The one list of externally created Secrets: the cluster tool creates them, synth refuses any other unknown Secret. */
export function externalSecrets(tenants: readonly string[]): ExternalSecret[] {
  // The trainer's MinIO user is TRAINER_USER; its key in minio-users equals trainer-credentials' secret key.
  return [
    {
      role: 'minio-root',
      namespace: MINIO_NAMESPACE,
      name: MINIO_SECRETS.root,
      keys: [MINIO_ROOT_KEYS.user, MINIO_ROOT_KEYS.password],
    },
    { role: 'minio-users', namespace: MINIO_NAMESPACE, name: MINIO_SECRETS.users, keys: [...tenants, TRAINER_USER] },
    ...tenants.map((tenant) => ({
      role: 'tenant-credentials' as const,
      namespace: tenantNames(tenant).namespace,
      name: tenantNames(tenant).credentialsSecret,
      keys: [CREDENTIAL_KEYS.accessKeyId, CREDENTIAL_KEYS.secretAccessKey],
      tenant,
    })),
    // Key hashes, never key values; outside the config checksum on purpose: the API reloads the file on rotation.
    ...tenants.map((tenant) => ({
      role: 'tenant-api-keys' as const,
      namespace: tenantNames(tenant).namespace,
      name: apiKeysSecret(tenant),
      keys: [API_KEYS_SECRET_KEY],
      tenant,
    })),
    {
      role: 'trainer-credentials',
      namespace: SYSTEM_NAMESPACE,
      name: TRAINER_SECRET,
      keys: [CREDENTIAL_KEYS.accessKeyId, CREDENTIAL_KEYS.secretAccessKey],
    },
    {
      role: 'grafana-admin',
      namespace: MONITORING_NAMESPACE,
      name: GRAFANA_SECRET,
      keys: [GRAFANA_KEYS.user, GRAFANA_KEYS.password],
    },
  ];
}

/** The MinIO user whose key a credentials Secret carries (tenant name, or the trainer's user). */
export function secretUser(secret: ExternalSecret): string | undefined {
  if (secret.role === 'tenant-credentials') return secret.tenant;
  return secret.role === 'trainer-credentials' ? TRAINER_USER : undefined;
}
