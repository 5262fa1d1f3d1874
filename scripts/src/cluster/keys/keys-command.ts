import { createKey, type KeysContext, listKeys, revokeKey, rotateKey } from './cluster-keys.js';

/** Runs `pnpm cluster keys <action> --tenant <t> [--id <id>]`; the table of `list` goes to stdout. */
export async function runKeysCommand(
  ctx: KeysContext,
  action: 'create' | 'rotate' | 'revoke' | 'list',
  tenant: string,
  id?: string,
): Promise<void> {
  if (action === 'create') await createKey(ctx, tenant);
  else if (action === 'rotate') await rotateKey(ctx, tenant);
  else if (action === 'revoke') await revokeKey(ctx, tenant, id ?? '');
  else console.log(await listKeys(ctx, tenant));
}
