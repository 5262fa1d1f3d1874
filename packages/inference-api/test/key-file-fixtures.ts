import { generateApiKey, hashApiKey, type StoredApiKey, serializeApiKeyFile } from '@mlops/shared/contract';

/** A freshly generated key and its stored entry (the test's own random values, never committed ones). */
export function issueKey(tenant: string, id: string, rotated?: string): { key: string; stored: StoredApiKey } {
  const key = generateApiKey(tenant);
  const stored = { id, sha256: hashApiKey(key), created: '2026-12-02T00:00:00.000Z' };
  return { key, stored: rotated ? { ...stored, rotated } : stored };
}

/** The key file's text for these entries. */
export const keyFile = (...keys: StoredApiKey[]) => serializeApiKeyFile(keys);
