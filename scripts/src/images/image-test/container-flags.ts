import {
  API_SHUTDOWN_DELAY_SECONDS,
  API_SHUTDOWN_GRACE_SECONDS,
  API_TMP_SIZE_MEBIBYTES,
  API_UID,
} from '@mlops/infra-charts';
import { API_ENV, API_PROBE_PORT, CREDENTIAL_KEYS, S3_ENV, shutdownEnv } from '@mlops/shared/contract';

/** What the manifests impose on every container (Pod Security "restricted", read-only root, /tmp only). */
export const RESTRICTED = [
  '--read-only',
  '--tmpfs',
  `/tmp:rw,size=${API_TMP_SIZE_MEBIBYTES}m`,
  '--user',
  `${API_UID}:${API_UID}`,
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges',
];

// s3rver reads a host name as a bucket (CNAME-style addressing), so clients reach it by its address, not its name.
export const s3Env = (address: string) => [
  `${S3_ENV.endpoint}=http://${address}:9000`,
  `${S3_ENV.region}=us-east-1`,
  `${CREDENTIAL_KEYS.accessKeyId}=S3RVER`,
  `${CREDENTIAL_KEYS.secretAccessKey}=S3RVER`,
];
/** `--env` flags. */
export const env = (vars: readonly string[]) => vars.flatMap((v) => ['--env', v]);
/** The API settings the tenant ConfigMap sets for shutdown. */
export const SHUTDOWN_ENV = Object.entries(shutdownEnv(API_SHUTDOWN_DELAY_SECONDS, API_SHUTDOWN_GRACE_SECONDS)).map(
  ([key, value]) => `${key}=${value}`,
);
/** The probe listener on its own port, as the tenant ConfigMap turns it on. */
export const PROBE_ENV = [`${API_ENV.probePort}=${API_PROBE_PORT}`];
