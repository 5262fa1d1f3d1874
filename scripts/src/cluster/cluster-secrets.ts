import { randomBytes } from 'node:crypto';
import { type ExternalSecret, externalSecrets, secretUser } from '@mlops/infra-charts';
import { kubectl } from './kubectl.js';

/** What the Secret steps work on. */
export interface SecretsContext {
  readonly kubeContext: string;
  readonly tenants: readonly string[];
  readonly log: (line: string) => void;
}

type SecretData = Record<string, string>;
interface Found {
  readonly data: SecretData;
  readonly resourceVersion: string;
}
const MINUTE = 60_000;
const random = () => randomBytes(18).toString('base64url');
const decode = (data: Record<string, string> | undefined): SecretData =>
  Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
const encode = (data: SecretData) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));

/** Reads a Secret's data from the cluster; undefined when it does not exist. Values stay in memory, never printed. */
async function readSecret(ctx: SecretsContext, namespace: string, name: string): Promise<Found | undefined> {
  const r = await kubectl(ctx.kubeContext, ['-n', namespace, 'get', 'secret', name, '-o', 'json'], {
    timeoutMs: MINUTE,
    allowExitCodes: [1],
  });
  if (r.exitCode === 1) {
    if (/NotFound/.test(r.stderr)) return undefined;
    throw new Error(`kubectl -n ${namespace} get secret ${name} failed: ${r.stderr.trim()}`);
  }
  const s = JSON.parse(r.stdout) as { data?: Record<string, string>; metadata: { resourceVersion: string } };
  return { data: decode(s.data), resourceVersion: s.metadata.resourceVersion };
}

const secretObject = (namespace: string, name: string, data: SecretData, resourceVersion?: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { namespace, name, ...(resourceVersion ? { resourceVersion } : {}) },
  type: 'Opaque',
  data: encode(data),
});

/** Fresh values for a Secret of the external list; user keys are shared (a user's key equals MinIO's for it). */
function freshData(secret: ExternalSecret, userKey: (user: string) => string): SecretData {
  const user = secretUser(secret);
  switch (secret.role) {
    case 'minio-root':
      return { rootUser: 'platform-admin', rootPassword: random() };
    case 'minio-users':
      return Object.fromEntries(secret.keys.map((u) => [u, userKey(u)]));
    case 'grafana-admin':
      return { 'admin-user': 'admin', 'admin-password': random() };
    default:
      return { AWS_ACCESS_KEY_ID: user ?? '', AWS_SECRET_ACCESS_KEY: userKey(user ?? '') };
  }
}

/**
 * Creates every missing Secret of the external list, for tenants added later too, and adds a new tenant's key to
 * minio-user-credentials; never changes an existing value. A key already held by either side (MinIO's list or the
 * tenant's own Secret) is reused, so both always agree. Values go to kubectl on stdin, never in arguments or files.
 * Returns the Secrets it created or extended.
 */
export async function ensureSecrets(ctx: SecretsContext): Promise<string[]> {
  // API key Secrets hold hashes of keys handed to consumers: `pnpm cluster keys` creates them, not this.
  const wanted = externalSecrets(ctx.tenants).filter((s) => s.role !== 'tenant-api-keys');
  const found = new Map<string, Found | undefined>();
  for (const s of wanted) found.set(`${s.namespace}/${s.name}`, await readSecret(ctx, s.namespace, s.name));
  const id = (s: ExternalSecret) => `${s.namespace}/${s.name}`;
  const users = wanted.find((s) => s.role === 'minio-users');
  const held = (user: string) => {
    const own = wanted.find((s) => secretUser(s) === user);
    return (users && found.get(id(users))?.data[user]) ?? (own && found.get(id(own))?.data.AWS_SECRET_ACCESS_KEY);
  };
  const keys = new Map<string, string>();
  const userKey = (user: string) => keys.get(user) ?? keys.set(user, held(user) ?? random()).get(user) ?? '';
  const create: object[] = [];
  const changed: string[] = [];
  for (const s of wanted) {
    const existing = found.get(id(s));
    const data = freshData(s, userKey);
    if (!existing) {
      create.push(secretObject(s.namespace, s.name, data));
      changed.push(`created ${id(s)}`);
      continue;
    }
    const missing = Object.keys(data).filter((k) => !(k in existing.data));
    if (missing.length === 0) continue;
    const merged = { ...Object.fromEntries(missing.map((k) => [k, data[k] as string])), ...existing.data };
    await kubectl(ctx.kubeContext, ['replace', '-f', '-'], {
      timeoutMs: MINUTE,
      input: JSON.stringify(secretObject(s.namespace, s.name, merged, existing.resourceVersion)),
    });
    changed.push(`added ${missing.join(', ')} to ${id(s)}`);
  }
  if (create.length > 0)
    await kubectl(ctx.kubeContext, ['create', '-f', '-'], {
      timeoutMs: MINUTE,
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: create }),
    });
  for (const line of changed) ctx.log(`  ${line}`);
  return changed;
}

/**
 * `pnpm cluster down --tenant <name>`: removes a removed tenant's Secrets (its credentials, its key in
 * minio-user-credentials). Refused while the tenant is still in the config. Its MinIO user and policy are removed by
 * the provisioning Job of the next apply, its namespace by the apply's prune.
 */
export async function removeTenantSecrets(ctx: SecretsContext, tenant: string): Promise<string[]> {
  if (ctx.tenants.includes(tenant))
    throw new Error(
      `tenant "${tenant}" is still in platform.config.yaml; remove it there, pnpm synth, apply with prune (docs/day-2.md), then run this`,
    );
  const done: string[] = [];
  for (const s of externalSecrets([tenant]).filter((x) => x.tenant === tenant)) {
    if (!(await readSecret(ctx, s.namespace, s.name))) continue;
    await kubectl(ctx.kubeContext, ['-n', s.namespace, 'delete', 'secret', s.name, '--ignore-not-found'], {
      timeoutMs: MINUTE,
    });
    done.push(`deleted ${s.namespace}/${s.name}`);
  }
  const list = externalSecrets([]).find((s) => s.role === 'minio-users');
  const users = list && (await readSecret(ctx, list.namespace, list.name));
  if (list && users && tenant in users.data) {
    const rest = Object.fromEntries(Object.entries(users.data).filter(([k]) => k !== tenant));
    await kubectl(ctx.kubeContext, ['replace', '-f', '-'], {
      timeoutMs: MINUTE,
      input: JSON.stringify(secretObject(list.namespace, list.name, rest, users.resourceVersion)),
    });
    done.push(`removed key ${tenant} from ${list.namespace}/${list.name}`);
  }
  for (const line of done) ctx.log(`  ${line}`);
  if (done.length === 0) ctx.log(`  no Secrets of ${tenant} left`);
  return done;
}
