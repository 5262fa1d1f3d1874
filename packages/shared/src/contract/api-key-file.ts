import { createHash, randomBytes } from 'node:crypto';
import { DNS1123_LABEL } from './names.js';

/**
 * The tenant API key file (the key Secret's API_KEYS_SECRET_KEY, mounted as API_KEYS_FILE), written by
 * `pnpm cluster keys` and read by the API. Version 1 is one JSON document:
 *   {"version":1,"keys":[{"id":"k20261202-ab12","sha256":"<64 hex>","created":"<ISO 8601>","rotated":"<ISO>"?}]}
 * Only SHA-256 digests are stored: keys are 32 random bytes, so a fast hash is enough (a slow KDF protects
 * low-entropy passwords; 256 random bits cannot be guessed whatever the hash speed).
 */
export const API_KEY_FILE_VERSION = 1;
/** Every API key starts with this, then the tenant and `_`: `mlk_<tenant>_<43 base64url chars>`. */
export const API_KEY_PREFIX = 'mlk_';
/** Random bytes in a key (256 bits). */
export const API_KEY_BYTES = 32;

/** One key as the file stores it: never the key itself. */
export interface StoredApiKey {
  readonly id: string;
  /** Lowercase hex SHA-256 of the whole key string (prefix included). */
  readonly sha256: string;
  readonly created: string;
  /** Set by `keys rotate` on the keys it superseded: still valid until `keys revoke --id`. */
  readonly rotated?: string;
}

/** The parsed key file. */
export interface ApiKeyFile {
  readonly version: typeof API_KEY_FILE_VERSION;
  readonly keys: readonly StoredApiKey[];
}

const SECRET = /^[A-Za-z0-9_-]{43}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const KEY_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** SHA-256 of a key, as stored in the file. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A fresh key for a tenant: `mlk_<tenant>_<32 random bytes, base64url>`. Print it once; store only its hash. */
export function generateApiKey(tenant: string): string {
  return `${API_KEY_PREFIX}${tenant}_${randomBytes(API_KEY_BYTES).toString('base64url')}`;
}

/** The tenant a key names in its prefix, or undefined when the string is not shaped like a key. */
export function apiKeyTenant(key: string): string | undefined {
  if (!key.startsWith(API_KEY_PREFIX)) return undefined;
  const rest = key.slice(API_KEY_PREFIX.length);
  const cut = rest.indexOf('_');
  if (cut < 1) return undefined;
  const tenant = rest.slice(0, cut);
  return DNS1123_LABEL.test(tenant) && SECRET.test(rest.slice(cut + 1)) ? tenant : undefined;
}

/** A new key id: `k<yyyymmdd>-<4 hex>`, readable in `keys list` and unique enough per tenant. */
export function newApiKeyId(now: Date): string {
  return `k${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(2).toString('hex')}`;
}

/** Parses a key file; throws an Error listing every problem (never echoing a digest). */
export function parseApiKeyFile(text: string): ApiKeyFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // The parser's message quotes the text; the file's digests stay out of every message.
    throw new Error('is not JSON; expected {"version":1,"keys":[...]}');
  }
  const d = doc as { version?: unknown; keys?: unknown } | null;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) throw new Error('must be a JSON object');
  if (d.version !== API_KEY_FILE_VERSION)
    throw new Error(`has version ${JSON.stringify(d.version)}; this API reads version ${API_KEY_FILE_VERSION}`);
  if (!Array.isArray(d.keys)) throw new Error('has no "keys" list');
  const problems: string[] = [];
  const ids = new Set<string>();
  const keys = d.keys.flatMap((entry: unknown, i): StoredApiKey[] => {
    const k = (entry ?? {}) as Record<string, unknown>;
    const bad = [
      typeof k.id !== 'string' || !KEY_ID.test(k.id) ? 'id must be a lowercase name like k20261202-ab12' : '',
      typeof k.id === 'string' && ids.has(k.id) ? `id "${k.id}" is used twice` : '',
      typeof k.sha256 !== 'string' || !HEX64.test(k.sha256) ? 'sha256 must be 64 lowercase hex digits' : '',
      typeof k.created !== 'string' || Number.isNaN(Date.parse(k.created)) ? 'created must be an ISO date' : '',
      k.rotated !== undefined && (typeof k.rotated !== 'string' || Number.isNaN(Date.parse(k.rotated)))
        ? 'rotated must be an ISO date'
        : '',
    ].filter(Boolean);
    if (typeof k.id === 'string') ids.add(k.id);
    problems.push(...bad.map((b) => `keys[${i}]: ${b}`));
    if (bad.length > 0) return [];
    const stored = { id: k.id as string, sha256: k.sha256 as string, created: k.created as string };
    return [typeof k.rotated === 'string' ? { ...stored, rotated: k.rotated } : stored];
  });
  if (problems.length > 0) throw new Error(`has invalid keys: ${problems.join('; ')}`);
  return { version: API_KEY_FILE_VERSION, keys };
}

/** The file's text for a key list (stable field order, one trailing newline). */
export function serializeApiKeyFile(keys: readonly StoredApiKey[]): string {
  return `${JSON.stringify({ version: API_KEY_FILE_VERSION, keys }, null, 2)}\n`;
}
