import { generateApiKey, hashApiKey, newApiKeyId, type StoredApiKey } from '@mlops/shared/contract';
import { keySecretRef, readKeySecret, writeKeySecret } from './key-secret.js';

/** What the key commands work on. */
export interface KeysContext {
  readonly kubeContext: string;
  /** The tenants of the config: a key for any other name is refused. */
  readonly tenants: readonly string[];
  /** Progress and advice (stderr in the CLI, so stdout carries only the key). */
  readonly log: (line: string) => void;
  /** Receives a new key, once; the CLI prints it to stdout and nothing keeps it. */
  readonly reveal: (key: string) => void;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** When running pods use a changed Secret: kubelet's sync, then the API's 2 s poll of the file. */
const PROPAGATION =
  'running pods accept the change within about a minute (kubelet syncs the Secret volume, the API re-reads it every 2 s)';

function assertTenant(ctx: KeysContext, tenant: string): void {
  if (!ctx.tenants.includes(tenant))
    throw new Error(`tenant "${tenant}" is not in platform.config.yaml; use one of: ${ctx.tenants.join(', ')}`);
}

function issue(ctx: KeysContext, tenant: string): StoredApiKey {
  const now = (ctx.now ?? (() => new Date()))();
  const key = generateApiKey(tenant);
  const stored = { id: newApiKeyId(now), sha256: hashApiKey(key), created: now.toISOString() };
  ctx.reveal(key);
  return stored;
}

/** `keys create`: adds a key (existing keys stay valid); returns its id. */
export async function createKey(ctx: KeysContext, tenant: string): Promise<string> {
  assertTenant(ctx, tenant);
  const secret = await readKeySecret(ctx.kubeContext, tenant);
  const stored = issue(ctx, tenant);
  await writeKeySecret(ctx.kubeContext, tenant, [...secret.keys, stored], secret.resourceVersion);
  ctx.log(
    `added key ${stored.id} to ${keySecretRef(tenant)} (${secret.keys.length + 1} valid); it is shown once, above`,
  );
  ctx.log(PROPAGATION);
  return stored.id;
}

/** `keys rotate`: adds a key and marks the current ones rotated (still valid until `keys revoke --id`). */
export async function rotateKey(ctx: KeysContext, tenant: string): Promise<string> {
  assertTenant(ctx, tenant);
  const secret = await readKeySecret(ctx.kubeContext, tenant);
  const at = (ctx.now ?? (() => new Date()))().toISOString();
  const old = secret.keys.map((k) => (k.rotated ? k : { ...k, rotated: at }));
  const stored = issue(ctx, tenant);
  await writeKeySecret(ctx.kubeContext, tenant, [...old, stored], secret.resourceVersion);
  ctx.log(`added key ${stored.id} to ${keySecretRef(tenant)}; it is shown once, above. ${PROPAGATION}`);
  for (const k of old.filter((x) => !secret.keys.find((y) => y.id === x.id)?.rotated))
    ctx.log(
      `key ${k.id} is marked rotated and still valid: once its clients use the new key, run pnpm cluster keys revoke --tenant ${tenant} --id ${k.id}`,
    );
  return stored.id;
}

/** `keys revoke --id`: removes a key; refuses to remove the last one (the API needs one to start). */
export async function revokeKey(ctx: KeysContext, tenant: string, id: string): Promise<void> {
  assertTenant(ctx, tenant);
  const secret = await readKeySecret(ctx.kubeContext, tenant);
  if (!secret.keys.some((k) => k.id === id))
    throw new Error(
      `${keySecretRef(tenant)} has no key "${id}"; its keys are: ${secret.keys.map((k) => k.id).join(', ') || 'none'} (pnpm cluster keys list --tenant ${tenant})`,
    );
  if (secret.keys.length === 1)
    throw new Error(
      `key "${id}" is the last key of ${tenant}; the API refuses to start without one. Run pnpm cluster keys rotate --tenant ${tenant} first, then revoke it`,
    );
  await writeKeySecret(
    ctx.kubeContext,
    tenant,
    secret.keys.filter((k) => k.id !== id),
    secret.resourceVersion,
  );
  ctx.log(`revoked key ${id} of ${keySecretRef(tenant)}; ${PROPAGATION}`);
}

/** `keys list`: a table of ids, creation dates and status; never a hash. */
export async function listKeys(ctx: KeysContext, tenant: string): Promise<string> {
  assertTenant(ctx, tenant);
  const { keys } = await readKeySecret(ctx.kubeContext, tenant);
  if (keys.length === 0)
    return `${keySecretRef(tenant)}: no keys; create one with pnpm cluster keys create --tenant ${tenant}`;
  const rows = keys.map((k) => [k.id, k.created, k.rotated ? `rotated ${k.rotated}` : 'active']);
  const width = (i: number) => Math.max(...[['ID', 'CREATED', 'STATUS'], ...rows].map((r) => (r[i] ?? '').length));
  return [['ID', 'CREATED', 'STATUS'], ...rows]
    .map((r) => r.map((cell, i) => cell.padEnd(i < 2 ? width(i) : 0)).join('  '))
    .join('\n');
}

/** `pnpm cluster up`: a first key for each tenant without a key Secret (shown once); returns the tenants keyed. */
export async function ensureTenantKeys(ctx: KeysContext): Promise<string[]> {
  const keyed: string[] = [];
  for (const tenant of ctx.tenants) {
    const secret = await readKeySecret(ctx.kubeContext, tenant);
    if (secret.keys.length > 0) continue;
    const stored = issue(ctx, tenant);
    await writeKeySecret(ctx.kubeContext, tenant, [stored], secret.resourceVersion);
    ctx.log(`  created ${keySecretRef(tenant)} with key ${stored.id} (shown once, above; pnpm cluster keys --help)`);
    keyed.push(tenant);
  }
  return keyed;
}
