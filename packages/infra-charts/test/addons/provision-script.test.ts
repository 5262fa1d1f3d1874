import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionScript, USERS_KEY, usersList } from '../../src/addons/minio/minio-policies.js';
import { provisioningData, TRAINER_USER } from '../../src/addons/minio/to-minio.js';

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
  for (const d of ['bin', 'state']) mkdirSync(join(root, d));
  writeFileSync(join(root, 'bin', 'mc'), FAKE_MC);
  chmodSync(join(root, 'bin', 'mc'), 0o755);
  return root;
}

/**
 * Runs the script as the Job would: the provisioning ConfigMap (script, user list, policies, built by the same code
 * as the synthesized one) and the users' key Secret mounted as files, one per key. Tenants of `keys` read `sentiment`.
 */
function provision(root: string, keys: Record<string, string>, opts: { omitKeyOf?: string } = {}) {
  const tenants = Object.keys(keys).filter((u) => u !== TRAINER_USER);
  const { users, documents } = provisioningData(new Map(tenants.map((t) => [t, ['sentiment']])));
  const files: Record<string, string> = {
    'provision.sh': provisionScript(),
    [USERS_KEY]: usersList(users),
    ...documents,
  };
  for (const [dir, content] of [
    ['provisioning', files],
    ['credentials', keys],
  ] as const) {
    rmSync(join(root, dir), { recursive: true, force: true });
    mkdirSync(join(root, dir));
    for (const [k, v] of Object.entries(content)) if (k !== opts.omitKeyOf) writeFileSync(join(root, dir, k), v);
  }
  return spawnSync('/bin/sh', [join(root, 'provisioning', 'provision.sh')], {
    encoding: 'utf8',
    env: {
      PATH: `${join(root, 'bin')}:/usr/bin:/bin`,
      MC_STATE: join(root, 'state'),
      PROVISIONING_DIR: join(root, 'provisioning'),
      CREDENTIALS_DIR: join(root, 'credentials'),
      CREDENTIALS_SECRET: 'minio-user-credentials',
      MINIO_URL: 'http://minio:9000',
      MINIO_ROOT_USER: 'root',
      MINIO_ROOT_PASSWORD: 'root-password',
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
    const { status, stdout, stderr } = provision(root, keys);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(listing(root, 'buckets')).toEqual(['datasets', 'models']);
    expect(listing(root, 'users')).toEqual(users);
    expect(listing(root, 'policies')).toEqual(users.map((u) => `${u}-policy`));
    for (const u of users) expect(keyOf(root, u)).toBe(keys[u]);
    expect(stdout).toContain(`${users.length} users: ${Object.keys(keys).join(' ')} `);
    const policyOf = (u: string) => readFileSync(join(root, 'state', 'policies', `${u}-policy`), 'utf8');
    for (const u of users.filter((u) => u !== TRAINER_USER)) expect(policyOf(u)).toContain('models/sentiment/*');
    expect(policyOf(TRAINER_USER)).toContain('s3:PutObject');
  });

  let root: string;
  beforeAll(() => {
    root = setup();
  });

  it('never removes policies it does not own (built-in ones such as readwrite)', () => {
    const fresh = setup();
    const out = provision(fresh, { 'model-trainer': 'kt' });
    expect(out.status).toBe(0);
    expect(out.stdout).not.toContain('removed policy readwrite');
  });

  it('stops before touching anything of a user whose key is missing from the Secret, naming the user and Secret', () => {
    const fresh = setup();
    const out = provision(fresh, { 'tenant-a': 'ka', 'model-trainer': 'kt' }, { omitKeyOf: 'tenant-a' });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain("no key for user tenant-a: add key 'tenant-a' to Secret minio-user-credentials");
    expect(listing(fresh, 'users')).toEqual([]);
  });
});
