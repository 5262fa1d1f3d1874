import { createKey, type KeysContext, revokeKey } from '../keys/cluster-keys.js';

/**
 * Runs `work` with a fresh API key per tenant, held only in memory (never printed, never on disk), and revokes
 * every one afterwards, whatever happened. Tenants without auth get no key.
 */
export async function withSmokeKeys<T>(
  ctx: Pick<KeysContext, 'kubeContext' | 'tenants' | 'log'>,
  tenants: readonly string[],
  work: (keys: ReadonlyMap<string, string>) => Promise<T>,
): Promise<T> {
  const keys = new Map<string, string>();
  const ids = new Map<string, string>();
  try {
    for (const tenant of tenants) {
      let key = '';
      const id = await createKey({ ...ctx, log: () => {}, reveal: (k) => (key = k) }, tenant);
      ids.set(tenant, id);
      keys.set(tenant, key);
      ctx.log(`  smoke key ${id} added to ${tenant}'s key Secret (revoked when the smoke test ends)`);
    }
    return await work(keys);
  } finally {
    for (const [tenant, id] of ids) await revokeKey({ ...ctx, log: () => {}, reveal: () => {} }, tenant, id);
  }
}

/** Repeats `attempt` until `done` says so or `timeoutMs` passed; returns the last result (a new key takes a while). */
export async function retryUntil<T>(
  attempt: () => Promise<T>,
  done: (result: T) => boolean,
  timeoutMs: number,
  intervalMs = 1000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (done(result) || Date.now() >= until) return result;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
