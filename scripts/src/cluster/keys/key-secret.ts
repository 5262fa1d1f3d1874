import { tenantNames } from '@mlops/infra-charts';
import {
  API_KEYS_SECRET_KEY,
  apiKeysSecret,
  parseApiKeyFile,
  type StoredApiKey,
  serializeApiKeyFile,
} from '@mlops/shared/contract';
import { kubectl } from '../kubectl.js';

const MINUTE = 60_000;

/** A tenant's key Secret as read from the cluster: its key entries (hashes only) and the version to replace. */
export interface KeySecret {
  readonly keys: readonly StoredApiKey[];
  readonly resourceVersion?: string;
}

/** `<namespace>/<name>` of a tenant's key Secret, for messages. */
export const keySecretRef = (tenant: string) => `${tenantNames(tenant).namespace}/${apiKeysSecret(tenant)}`;

/** Reads a tenant's key Secret; `{keys: []}` without resourceVersion when it does not exist. */
export async function readKeySecret(kubeContext: string, tenant: string): Promise<KeySecret> {
  const { namespace } = tenantNames(tenant);
  const r = await kubectl(kubeContext, ['-n', namespace, 'get', 'secret', apiKeysSecret(tenant), '-o', 'json'], {
    timeoutMs: MINUTE,
    allowExitCodes: [1],
  });
  if (r.exitCode === 1) {
    if (/NotFound/.test(r.stderr)) return { keys: [] };
    throw new Error(`kubectl -n ${namespace} get secret ${apiKeysSecret(tenant)} failed: ${r.stderr.trim()}`);
  }
  const s = JSON.parse(r.stdout) as { data?: Record<string, string>; metadata: { resourceVersion: string } };
  const encoded = s.data?.[API_KEYS_SECRET_KEY];
  if (encoded === undefined)
    throw new Error(
      `Secret ${keySecretRef(tenant)} has no key "${API_KEYS_SECRET_KEY}"; delete it (kubectl -n ${namespace} delete secret ${apiKeysSecret(tenant)}) and run pnpm cluster keys create --tenant ${tenant}`,
    );
  let keys: readonly StoredApiKey[];
  try {
    keys = parseApiKeyFile(Buffer.from(encoded, 'base64').toString('utf8')).keys;
  } catch (error) {
    throw new Error(
      `Secret ${keySecretRef(tenant)} ${(error as Error).message}; fix or delete it, then pnpm cluster keys create --tenant ${tenant}`,
      { cause: error },
    );
  }
  return { keys, resourceVersion: s.metadata.resourceVersion };
}

/**
 * Writes the key list: `create` when the Secret is new, else `replace` at the read resourceVersion (a concurrent
 * change makes kubectl fail instead of losing a key). The content goes on stdin, never in an argument or a file.
 */
export async function writeKeySecret(
  kubeContext: string,
  tenant: string,
  keys: readonly StoredApiKey[],
  resourceVersion?: string,
): Promise<void> {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      namespace: tenantNames(tenant).namespace,
      name: apiKeysSecret(tenant),
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    type: 'Opaque',
    data: { [API_KEYS_SECRET_KEY]: Buffer.from(serializeApiKeyFile(keys), 'utf8').toString('base64') },
  };
  await kubectl(kubeContext, [resourceVersion ? 'replace' : 'create', '-f', '-'], {
    timeoutMs: MINUTE,
    input: JSON.stringify(secret),
  });
}
