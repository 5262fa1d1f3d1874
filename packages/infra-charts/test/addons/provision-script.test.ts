import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionScript, userSecretEnv } from '../../src/addons/minio/minio-policies.js';

/**
 * The real provisioning script under the real /bin/sh, against a fake `mc` (no MinIO server can run here): the fake
 * keeps users, keys, policies and buckets as files and answers `--json` listings the way mc does, one object a line.
 */
const FAKE_MC = `#!/bin/sh
s="$MC_STATE"
case "$1 $2 $3" in
  "alias set "*) ;;
  "mb --ignore-existing "*) mkdir -p "$s/buckets"; touch "$s/buckets/\${3#platform/}" ;;
  "admin user add") mkdir -p "$s/users"; printf '%s' "$6" > "$s/users/$5" ;;
  "admin user remove") rm "$s/users/$5" ;;
  "admin user list") for f in "$s"/users/*; do [ -e "$f" ] && echo "{\\"status\\":\\"success\\",\\"accessKey\\":\\"\${f##*/}\\",\\"userStatus\\":\\"enabled\\"}"; done; true ;;
  "admin policy create") mkdir -p "$s/policies"; cp "$6" "$s/policies/$5" ;;
  "admin policy remove") rm "$s/policies/$5" ;;
  "admin policy ls") echo '{"status":"success","policy":"readwrite"}'; for f in "$s"/policies/*; do [ -e "$f" ] && echo "{\\"status\\":\\"success\\",\\"policy\\":\\"\${f##*/}\\"}"; done; true ;;
  "admin policy attach") [ -e "$s/attached-$5-$7" ] && { echo "already attached" >&2; exit 1; }; touch "$s/attached-$5-$7" ;;
  *) echo "fake mc: unexpected $*" >&2; exit 9 ;;
esac
`;

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'provision-'));
  for (const d of ['bin', 'state', 'policies']) mkdirSync(join(root, d));
  writeFileSync(join(root, 'bin', 'mc'), FAKE_MC);
  chmodSync(join(root, 'bin', 'mc'), 0o755);
  return root;
}

/** Runs the script for `users` (key = `keys[user]`), as the Job would with its env and mounted policies. */
function provision(root: string, keys: Record<string, string>): string {
  const users = Object.keys(keys);
  for (const u of users) writeFileSync(join(root, 'policies', `${u}.json`), `{"for":"${u}"}`);
  const script = provisionScript(users).replaceAll('/policies/', `${root}/policies/`);
  return execFileSync('/bin/sh', ['-c', script], {
    encoding: 'utf8',
    env: {
      PATH: `${join(root, 'bin')}:/usr/bin:/bin`,
      MC_STATE: join(root, 'state'),
      MINIO_URL: 'http://minio:9000',
      MINIO_ROOT_USER: 'root',
      MINIO_ROOT_PASSWORD: 'root-password',
      ...Object.fromEntries(users.map((u) => [userSecretEnv(u), keys[u]])),
    },
  });
}
const listing = (root: string, dir: string) =>
  existsSync(join(root, 'state', dir)) ? readdirSync(join(root, 'state', dir)).sort() : [];
const keyOf = (root: string, user: string) => readFileSync(join(root, 'state', 'users', user), 'utf8');

describe('MinIO provisioning script (real sh, fake mc)', () => {
  it.each<{ step: string; keys: Record<string, string>; users: string[] }>([
    {
      step: 'first run: creates buckets, users and policies',
      keys: { 'tenant-a': 'ka', 'tenant-b': 'kb', 'model-trainer': 'kt' },
      users: ['model-trainer', 'tenant-a', 'tenant-b'],
    },
    {
      step: 're-run with nothing changed: same state, no error',
      keys: { 'tenant-a': 'ka', 'tenant-b': 'kb', 'model-trainer': 'kt' },
      users: ['model-trainer', 'tenant-a', 'tenant-b'],
    },
    {
      step: 'tenant-c added and tenant-b removed: tenant-c created, tenant-b user and policy removed',
      keys: { 'tenant-a': 'ka', 'tenant-c': 'kc', 'model-trainer': 'kt' },
      users: ['model-trainer', 'tenant-a', 'tenant-c'],
    },
    {
      step: "tenant-a's key rotated: updated in place",
      keys: { 'tenant-a': 'ka-2', 'tenant-c': 'kc', 'model-trainer': 'kt' },
      users: ['model-trainer', 'tenant-a', 'tenant-c'],
    },
  ])('reconciles to the config, step by step: $step', ({ keys, users }) => {
    // One MinIO across the steps, as in a cluster.
    const output = provision(root, keys);
    expect(listing(root, 'buckets')).toEqual(['datasets', 'models']);
    expect(listing(root, 'users')).toEqual(users);
    expect(listing(root, 'policies')).toEqual(users.map((u) => `${u}-policy`));
    for (const u of users) expect(keyOf(root, u)).toBe(keys[u]);
    expect(output).toContain(`users: ${Object.keys(keys).join(', ')}`);
  });

  let root: string;
  beforeAll(() => {
    root = setup();
  });

  it('never removes policies it does not own (built-in ones such as readwrite)', () => {
    const fresh = setup();
    const out = provision(fresh, { 'model-trainer': 'kt' });
    expect(out).not.toContain('removed policy readwrite');
  });
});
