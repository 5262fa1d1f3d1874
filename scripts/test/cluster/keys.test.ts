import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashApiKey, parseApiKeyFile } from '@mlops/shared/contract';
import { execa } from 'execa';
import { createKey, type KeysContext, listKeys, revokeKey, rotateKey } from '../../src/cluster/keys/cluster-keys.js';
import { installFakeTools } from './fake-tools.js';

/** `pnpm cluster keys` against fake kubectl (no cluster here): its Secrets are JSON files in the fake's state. */
const ORIGINAL = { ...process.env };
const K = 'kind-keys-test';
let fakes: { path: string; state: string };

function useFakes(env: Record<string, string> = {}) {
  fakes = installFakeTools(['kubectl']);
  process.env = { ...ORIGINAL, PATH: fakes.path, FAKE_STATE: fakes.state, FAKE_NODE: process.execPath, ...env };
}
afterAll(() => {
  process.env = ORIGINAL;
});

const calls = () => readFileSync(join(fakes.state, 'calls.log'), 'utf8');
/** The key file as the fake cluster stores it in tenant-a's Secret. */
function storedKeys(tenant = 'tenant-a') {
  const secret = JSON.parse(readFileSync(join(fakes.state, 'secrets', `${tenant}__${tenant}-api-keys.json`), 'utf8'));
  return parseApiKeyFile(Buffer.from(secret.data['api-keys'], 'base64').toString('utf8')).keys;
}
function context(revealed: string[], log: string[] = [], at = '2026-12-02T03:00:00.000Z'): KeysContext {
  return {
    kubeContext: K,
    tenants: ['tenant-a', 'tenant-b'],
    log: (l) => log.push(l),
    reveal: (k) => revealed.push(k),
    now: () => new Date(at),
  };
}

describe('pnpm cluster keys (fake kubectl)', () => {
  beforeAll(() => useFakes());

  it('create: shows a new key once, stores only its SHA-256, through stdin', async () => {
    const revealed: string[] = [];
    const log: string[] = [];
    const id = await createKey(context(revealed, log), 'tenant-a');
    expect(revealed).toEqual([expect.stringMatching(/^mlk_tenant-a_[\w-]{43}$/)]);
    const key = revealed[0] as string;
    expect(storedKeys()).toEqual([{ id, sha256: hashApiKey(key), created: '2026-12-02T03:00:00.000Z' }]);
    expect(id).toMatch(/^k20261202-[0-9a-f]{4}$/);
    expect(calls()).toContain(`kubectl --context ${K} create -f -`);
    expect(calls()).not.toContain(key);
    expect(readFileSync(join(fakes.state, 'secrets', 'tenant-a__tenant-a-api-keys.json'), 'utf8')).not.toContain(
      key.slice('mlk_tenant-a_'.length),
    );
    expect(log.join('\n')).not.toContain(key);
  });

  it('create again: keeps the existing key (replace at its resourceVersion)', async () => {
    const before = storedKeys();
    await createKey(context([]), 'tenant-a');
    expect(storedKeys()).toHaveLength(2);
    expect(storedKeys()[0]).toEqual(before[0]);
    expect(calls()).toContain(`kubectl --context ${K} replace -f -`);
  });

  it('rotate: adds a key and marks the current ones rotated, still valid; then revoke removes one', async () => {
    const log: string[] = [];
    const newId = await rotateKey(context([], log, '2026-12-03T00:00:00.000Z'), 'tenant-a');
    const keys = storedKeys();
    expect(keys.map((k) => [k.id === newId, k.rotated])).toEqual([
      [false, '2026-12-03T00:00:00.000Z'],
      [false, '2026-12-03T00:00:00.000Z'],
      [true, undefined],
    ]);
    const oldId = keys[0]?.id ?? '';
    expect(log).toContain(
      `key ${oldId} is marked rotated and still valid: once its clients use the new key, run pnpm cluster keys revoke --tenant tenant-a --id ${oldId}`,
    );
    await revokeKey(context([]), 'tenant-a', oldId);
    expect(storedKeys().map((k) => k.id)).toEqual([keys[1]?.id, newId]);
  });

  it('list: ids, dates and status, never a hash', async () => {
    const table = await listKeys(context([]), 'tenant-a');
    const keys = storedKeys();
    expect(table.split('\n')).toEqual([
      expect.stringMatching(/^ID +CREATED +STATUS$/),
      `${keys[0]?.id}  2026-12-02T03:00:00.000Z  rotated 2026-12-03T00:00:00.000Z`,
      `${keys[1]?.id}  2026-12-03T00:00:00.000Z  active`,
    ]);
    for (const k of keys) expect(table).not.toContain(k.sha256);
    expect(await listKeys(context([]), 'tenant-b')).toBe(
      'tenant-b/tenant-b-api-keys: no keys; create one with pnpm cluster keys create --tenant tenant-b',
    );
  });

  it.each<[string, (ctx: KeysContext) => Promise<unknown>, RegExp]>([
    [
      'an unknown tenant',
      (ctx) => createKey(ctx, 'tenant-z'),
      /tenant "tenant-z" is not in platform\.config\.yaml; use one of: tenant-a, tenant-b/,
    ],
    [
      'revoking an unknown id',
      (ctx) => revokeKey(ctx, 'tenant-a', 'nope'),
      /tenant-a\/tenant-a-api-keys has no key "nope"; its keys are: k\d{8}-/,
    ],
  ])('refuses %s', async (_name, run, message) => {
    await expect(run(context([]))).rejects.toThrow(message);
  });

  it('refuses to revoke the last key (the API would not start), naming the fix', async () => {
    const id = await createKey(context([]), 'tenant-b');
    await expect(revokeKey(context([]), 'tenant-b', id)).rejects.toThrow(
      `key "${id}" is the last key of tenant-b; the API refuses to start without one. Run pnpm cluster keys rotate --tenant tenant-b first, then revoke it`,
    );
  });
});

describe('pnpm cluster keys and smoke --via-gateway: the command line (real CLI process, fake kubectl)', () => {
  const CLI = join(new URL('../../', import.meta.url).pathname, 'src/cluster/cluster-cli.ts');
  const run = (args: string[]) =>
    execa(process.execPath, ['--import', 'tsx', CLI, ...args], { reject: false, env: process.env, timeout: 60_000 });

  it('prints only the key on stdout; progress goes to stderr', async () => {
    useFakes();
    const r = await run(['keys', 'create', '--tenant', 'tenant-a', '--context', K]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^mlk_tenant-a_[\w-]{43}$/);
    expect(r.stderr).toMatch(/^cluster: added key k\d{8}-[0-9a-f]{4} to tenant-a\/tenant-a-api-keys/);
    expect(storedKeys()[0]?.sha256).toBe(hashApiKey(r.stdout));
  }, 60_000);

  it.each([
    [['keys'], 'keys needs an action: create, rotate, revoke, list, e.g. pnpm cluster keys create --tenant <name>'],
    [['keys', 'make', '--tenant', 'a'], 'keys needs an action: create, rotate, revoke, list (got "make")'],
    [['keys', 'create'], 'keys create needs --tenant <name>'],
    [['keys', 'revoke', '--tenant', 'tenant-a'], 'keys revoke needs --id <id> (see pnpm cluster keys list)'],
    [['keys', 'list', '--tenant', 'tenant-a', '--id', 'x'], 'keys list does not take --id; only keys revoke does'],
    [['smoke', '--via-gateway', 'gateway'], '--via-gateway "gateway" must be <namespace>/<service>'],
    [
      ['smoke', '--via-gateway', 'edge/gw', '--gateway-port', '0'],
      '--gateway-port "0" must be a port number from 1 to 65535',
    ],
    [['smoke', '--insecure'], '--gateway-port, --gateway-ca and --insecure go with --via-gateway <namespace/service>'],
  ])(
    '%j is a usage error (exit 2)',
    async (args, message) => {
      const r = await run(args);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(message);
    },
    60_000,
  );
});
