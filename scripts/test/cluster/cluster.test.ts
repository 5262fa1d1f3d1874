import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Store } from '@mlops/shared';
import { hashApiKey } from '@mlops/shared/contract';
import { startS3Server, type TestS3Server } from '@mlops/shared/testing';
import { ensureSecrets, removeTenantSecrets } from '../../src/cluster/cluster-secrets.js';
import { assertClusterExists } from '../../src/cluster/cluster-status.js';
import { type ClusterContext, clusterDown, clusterUp } from '../../src/cluster/cluster-steps.js';
import { checkPrerequisites } from '../../src/cluster/prerequisites.js';
import { CommandError, runCommand } from '../../src/process/run-command.js';
import { installFakeTools } from './fake-tools.js';

const ORIGINAL = { ...process.env };
let s3: TestS3Server;
let fakes: { path: string; state: string };

/** PATH holds only the fakes (and a few shell tools): a real docker, kind or kubectl on this machine cannot leak in. */
function useFakes(tools?: readonly string[], env: Record<string, string> = {}) {
  fakes = installFakeTools(tools);
  process.env = {
    ...ORIGINAL,
    PATH: fakes.path,
    FAKE_STATE: fakes.state,
    FAKE_NODE: process.execPath,
    FAKE_S3_PORT: new URL(s3.endpoint).port,
    ...env,
  };
}
const K = 'kind-mlops-kind-cluster';
const kc = (args: string) => `kubectl --context ${K} ${args}`;
const calls = () => readFileSync(join(fakes.state, 'calls.log'), 'utf8').trim().split('\n');

function context(lines: string[] = []): ClusterContext {
  return {
    repo: '/repo',
    clusterName: 'mlops-kind-cluster',
    kubeContext: K,
    platformName: 'mlops-platform',
    tenants: ['tenant-a', 'tenant-b'],
    imageTags: ['mlops/inference-api:0.1.0', 'mlops/model-trainer:0.1.0'],
    buildImages: async () => {
      // Staging and docker build are covered by the images tests and `pnpm images:test`; here only the order.
      appendFileSync(join(fakes.state, 'calls.log'), '(images built)\n');
    },
    trainingData: { 'sst2/train.tsv': join(__dirname_, '../../../packages/model-trainer/data/sample.tsv') },
    log: (line) => lines.push(line),
  };
}
const __dirname_ = new URL('.', import.meta.url).pathname;

beforeAll(async () => {
  s3 = await startS3Server(['datasets']);
});
afterAll(async () => {
  process.env = ORIGINAL;
  await s3.stop();
});

describe('runCommand (fake binaries on PATH)', () => {
  it('reports the command, exit code and the tail of stderr of a failure', async () => {
    useFakes(undefined, { FAKE_FAIL: 'kubectl apply -f x.yaml' });
    const error = (await runCommand('kubectl', ['apply', '-f', 'x.yaml'], { timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    )) as CommandError;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe(
      'kubectl apply -f x.yaml exited with code 3\n--- last lines of stderr ---\nerror: simulated failure of apply -f x.yaml',
    );
    expect(error).toMatchObject({
      command: 'kubectl apply -f x.yaml',
      exitCode: 3,
      timedOut: false,
      notFound: false,
      signal: undefined,
      stderr: 'error: simulated failure of apply -f x.yaml',
    });
  });

  it('kills a command that runs past its timeout', async () => {
    const error = (await runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { timeoutMs: 300 }).catch(
      (e: unknown) => e,
    )) as CommandError;
    expect(error.message).toMatch(/timed out after 300 ms/);
    expect(error).toMatchObject({ timedOut: true, exitCode: undefined, signal: 'SIGTERM', notFound: false });
  });

  it('keeps the signal of a command killed from outside, with no exit code', async () => {
    const error = (await runCommand(process.execPath, ['-e', "process.kill(process.pid, 'SIGKILL')"], {
      timeoutMs: 10_000,
    }).catch((e: unknown) => e)) as CommandError;
    expect(error).toMatchObject({ signal: 'SIGKILL', exitCode: undefined, timedOut: false });
    expect(error.message).toMatch(/was killed by SIGKILL/);
  });

  it('says when a program is not installed', async () => {
    await expect(runCommand('definitely-not-a-tool', [], { timeoutMs: 1000 })).rejects.toThrow(
      'definitely-not-a-tool failed: definitely-not-a-tool is not installed or not on PATH',
    );
    const error = (await runCommand('definitely-not-a-tool', [], { timeoutMs: 1000 }).catch(
      (e: unknown) => e,
    )) as CommandError;
    expect(error).toMatchObject({ notFound: true, exitCode: undefined, timedOut: false });
  });
});

describe('checkPrerequisites', () => {
  it('finds docker, kind and kubectl with their versions', async () => {
    useFakes();
    expect(await checkPrerequisites()).toEqual({
      versions: { docker: '27.3.1', kind: '0.24.0', kubectl: '1.31.0' },
      problems: [],
    });
  });

  it('lists each missing or too old tool with an install hint', async () => {
    useFakes(['docker'], { FAKE_KIND_VERSION: '0.20.0' });
    const { problems } = await checkPrerequisites();
    expect(problems).toEqual([
      expect.stringMatching(
        /^kind is not installed; install kind >= 0\.24 \(from 0\.24 kindnet enforces NetworkPolicy\)/,
      ),
      expect.stringMatching(/^kubectl is not installed; install kubectl/),
    ]);
    useFakes(undefined, { FAKE_KIND_VERSION: '0.20.0' });
    expect((await checkPrerequisites()).problems).toEqual([
      expect.stringMatching(/^kind 0\.20\.0 is too old \(need >= 0\.24\)/),
    ]);
  });
});

describe('pnpm cluster up / down (fake docker, kind, kubectl; real S3 server behind the fake port-forward)', () => {
  it('runs every step in order, creates the Secrets through stdin and uploads the training data', async () => {
    useFakes();
    const log: string[] = [];
    await clusterUp(context(log));
    const sequence = calls().filter((c) => !c.includes('version'));
    expect(sequence).toEqual([
      'kind get clusters',
      expect.stringMatching(/^kind create cluster --name mlops-kind-cluster --config \S+kind\.yaml --wait 180s$/),
      '(images built)',
      'kind load docker-image mlops/inference-api:0.1.0 --name mlops-kind-cluster',
      'kind load docker-image mlops/model-trainer:0.1.0 --name mlops-kind-cluster',
      kc('apply -f /repo/dist/kind/00-namespaces.yaml'),
      ...[
        'minio/minio-root-credentials',
        'minio/minio-user-credentials',
        'tenant-a/tenant-a-model-store-credentials',
        'tenant-b/tenant-b-model-store-credentials',
        'mlops-system/model-trainer-credentials',
        'monitoring/grafana-admin-credentials',
      ].map((id) => kc(`-n ${id.split('/')[0]} get secret ${id.split('/')[1]} -o json`)),
      kc('create -f -'),
      ...['tenant-a', 'tenant-b'].flatMap((t) => [kc(`-n ${t} get secret ${t}-api-keys -o json`), kc('create -f -')]),
      kc('apply -k /repo/dist/kind --prune -l app.kubernetes.io/part-of=mlops-platform'),
      kc('-n minio rollout status deployment/minio --timeout=300s'),
      kc('-n minio wait --for=condition=complete job -l mlops.platform/job=minio-provisioning --timeout=300s'),
      kc('-n minio get secret minio-root-credentials -o jsonpath={.data}'),
      expect.stringMatching(/^kubectl --context kind-mlops-kind-cluster -n minio port-forward svc\/minio \d+:9000$/),
      kc('-n mlops-system wait --for=condition=complete job -l mlops.platform/job=model-trainer --timeout=1200s'),
      kc('-n tenant-a rollout status deployment/tenant-a-ml-inference --timeout=600s'),
      kc('-n tenant-b rollout status deployment/tenant-b-ml-inference --timeout=600s'),
    ]);
    expect(stored('minio', 'minio-root-credentials').rootPassword).toMatch(/^[\w-]{24}$/);
    expect(calls().join('\n')).not.toContain(stored('minio', 'minio-root-credentials').rootPassword);
    const uploaded = await new S3Store({ bucket: 'datasets', endpoint: s3.endpoint, credentials: s3.credentials }).read(
      'sst2/train.tsv',
    );
    expect(new TextDecoder().decode(uploaded)).toContain('sentence\tlabel');
    expect(log.filter((l) => l.startsWith('✔'))).toHaveLength(12);
    // One first API key per tenant, shown once in the log; only its hash is stored, nothing else sees it.
    const shown = log.filter((l) => l.startsWith('  API key (shown once, store it now): '));
    expect(shown).toEqual([
      expect.stringMatching(/ mlk_tenant-a_[\w-]{43}$/),
      expect.stringMatching(/ mlk_tenant-b_[\w-]{43}$/),
    ]);
    const keyA = shown[0]?.split(' ').at(-1) ?? '';
    expect(JSON.parse(stored('tenant-a', 'tenant-a-api-keys')['api-keys'] ?? '')).toMatchObject({
      version: 1,
      keys: [{ sha256: hashApiKey(keyA) }],
    });
    expect(calls().join('\n')).not.toContain(keyA);
    expect(
      readdirSync(join(fakes.state, 'secrets'))
        .map((f) => readFileSync(join(fakes.state, 'secrets', f), 'utf8'))
        .join(),
    ).not.toContain(keyA.slice(14));
    expect(log.some((l) => /^✔ apply dist\/kind \(kubectl apply -k, prune by label\) \(\d+\.\d s\)$/.test(l))).toBe(
      true,
    );
    expect(log).toContain('  created tenant-b/tenant-b-model-store-credentials');
  }, 60_000);

  it('is idempotent: a second run creates neither the cluster nor the Secrets again', async () => {
    await clusterUp(context());
    const second = calls().slice(-18).join('\n');
    expect(calls().filter((c) => c.startsWith('kind create cluster'))).toHaveLength(1);
    expect(calls().filter((c) => c === kc('create -f -') || c === kc('replace -f -'))).toHaveLength(3);
    expect(second).toContain(kc('apply -k /repo/dist/kind'));
  }, 60_000);

  it('stops at the failing step and names it', async () => {
    process.env.FAKE_FAIL = kc('apply -k /repo/dist/kind --prune -l app.kubernetes.io/part-of=mlops-platform');
    const log: string[] = [];
    await expect(clusterUp(context(log))).rejects.toThrow(/apply -k \/repo\/dist\/kind --prune .* exited with code 3/);
    expect(log.at(-1)).toMatch(/^✖ apply dist\/kind \(kubectl apply -k, prune by label\) failed after/);
    delete process.env.FAKE_FAIL;
  }, 60_000);

  it('deletes the cluster, and does nothing when it is gone', async () => {
    await clusterDown(context());
    await clusterDown(context());
    expect(calls().filter((c) => c.startsWith('kind delete cluster'))).toEqual([
      'kind delete cluster --name mlops-kind-cluster',
    ]);
  });
});

/** A Secret's decoded data as the fake cluster holds it. */
function stored(namespace: string, name: string): Record<string, string> {
  const file = join(fakes.state, 'secrets', `${namespace}__${name}.json`);
  if (!existsSync(file)) return {};
  const data = (JSON.parse(readFileSync(file, 'utf8')) as { data: Record<string, string> }).data;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

describe('Secrets per tenant (fake kubectl holding Secrets)', () => {
  const secrets = (tenants: string[], lines: string[] = []) => ({
    kubeContext: K,
    tenants,
    log: (l: string) => lines.push(l),
  });

  it("creates every missing Secret, random, with each tenant key equal to MinIO's for it; a re-run changes nothing", async () => {
    useFakes();
    const made = await ensureSecrets(secrets(['tenant-a', 'tenant-b']));
    expect(made).toHaveLength(6);
    const users = stored('minio', 'minio-user-credentials');
    expect(Object.keys(users).sort()).toEqual(['model-trainer', 'tenant-a', 'tenant-b']);
    expect(stored('tenant-a', 'tenant-a-model-store-credentials')).toEqual({
      AWS_ACCESS_KEY_ID: 'tenant-a',
      AWS_SECRET_ACCESS_KEY: users['tenant-a'],
    });
    expect(stored('mlops-system', 'model-trainer-credentials').AWS_SECRET_ACCESS_KEY).toBe(users['model-trainer']);
    expect(users['tenant-a']).not.toBe(users['tenant-b']);
    expect(await ensureSecrets(secrets(['tenant-a', 'tenant-b']))).toEqual([]);
    expect(stored('minio', 'minio-user-credentials')).toEqual(users);
    expect(calls().join('\n')).not.toContain(users['tenant-a']);
  });

  it("for a tenant added later: creates its Secret and adds its key to MinIO's list, never changing existing values", async () => {
    const before = stored('minio', 'minio-user-credentials');
    const root = stored('minio', 'minio-root-credentials');
    const made = await ensureSecrets(secrets(['tenant-a', 'tenant-b', 'tenant-c']));
    expect(made).toEqual([
      'added tenant-c to minio/minio-user-credentials',
      'created tenant-c/tenant-c-model-store-credentials',
    ]);
    const after = stored('minio', 'minio-user-credentials');
    expect(after).toEqual({
      ...before,
      'tenant-c': stored('tenant-c', 'tenant-c-model-store-credentials').AWS_SECRET_ACCESS_KEY,
    });
    expect(stored('minio', 'minio-root-credentials')).toEqual(root);
  });

  it("reuses a tenant's existing key when MinIO's list lacks it, so both sides agree", async () => {
    const key = stored('tenant-c', 'tenant-c-model-store-credentials').AWS_SECRET_ACCESS_KEY;
    await removeTenantSecrets(secrets(['tenant-a', 'tenant-b']), 'tenant-c');
    // Put back only the tenant's own Secret (e.g. restored from a backup).
    await runCommand('kubectl', ['--context', K, 'create', '-f', '-'], {
      timeoutMs: 10_000,
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { namespace: 'tenant-c', name: 'tenant-c-model-store-credentials' },
        data: {
          AWS_ACCESS_KEY_ID: Buffer.from('tenant-c').toString('base64'),
          AWS_SECRET_ACCESS_KEY: Buffer.from(key ?? '').toString('base64'),
        },
      }),
    });
    await ensureSecrets(secrets(['tenant-a', 'tenant-b', 'tenant-c']));
    expect(stored('minio', 'minio-user-credentials')['tenant-c']).toBe(key);
  });

  it('down --tenant: refused while the tenant is in the config; then removes its Secret and its MinIO key, once', async () => {
    await expect(removeTenantSecrets(secrets(['tenant-a', 'tenant-b', 'tenant-c']), 'tenant-c')).rejects.toThrow(
      'tenant "tenant-c" is still in platform.config.yaml; remove it there, pnpm synth, apply with prune',
    );
    const lines: string[] = [];
    expect(await removeTenantSecrets(secrets(['tenant-a', 'tenant-b'], lines), 'tenant-c')).toEqual([
      'deleted tenant-c/tenant-c-model-store-credentials',
      'removed key tenant-c from minio/minio-user-credentials',
    ]);
    expect(stored('tenant-c', 'tenant-c-model-store-credentials')).toEqual({});
    expect(Object.keys(stored('minio', 'minio-user-credentials')).sort()).toEqual([
      'model-trainer',
      'tenant-a',
      'tenant-b',
    ]);
    expect(await removeTenantSecrets(secrets(['tenant-a', 'tenant-b'], lines), 'tenant-c')).toEqual([]);
    expect(lines.at(-1)).toBe('  no Secrets of tenant-c left');
  });

  it('names the context on every kubectl call', () => {
    for (const c of calls().filter((x) => x.startsWith('kubectl ') && !x.includes('version')))
      expect(c).toMatch(/^kubectl --context kind-mlops-kind-cluster /);
  });
});

describe('pnpm cluster status (fake kubectl)', () => {
  it('shows ready replicas, HPA current/desired and the served model version per tenant, "-" for what is missing', async () => {
    const { formatStatus, tenantStatus } = await import('../../src/cluster/cluster-status.js');
    useFakes();
    const rows = await Promise.all(['tenant-a', 'tenant-b'].map((t) => tenantStatus(t, K)));
    expect(rows).toEqual([
      { tenant: 'tenant-a', ready: '2/3', hpa: '3/4 (max 10)', modelVersion: 'v20261127-101500-abcdef' },
      { tenant: 'tenant-b', ready: '-', hpa: '-', modelVersion: '-' },
    ]);
    expect(formatStatus(rows).split('\n')).toEqual([
      'TENANT    READY  HPA CURRENT/DESIRED  MODEL VERSION',
      'tenant-a  2/3    3/4 (max 10)         v20261127-101500-abcdef',
      'tenant-b  -      -                    -',
    ]);
  });
});

describe('pnpm cluster CLI (real child process, fake tools on PATH)', () => {
  const CLI = join(__dirname_, '../../src/cluster/cluster-cli.ts');
  const TSX = join(__dirname_, '../../../node_modules/tsx/dist/cli.mjs');
  async function cli(args: string[]) {
    useFakes();
    try {
      const r = await runCommand(process.execPath, [TSX, CLI, ...args], { timeoutMs: 60_000, env: process.env });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (error) {
      const e = error as CommandError;
      return { code: e.exitCode, out: '', err: e.stderrTail };
    }
  }

  it.each([
    { args: ['--bogus'], message: "Unknown option '--bogus'" },
    { args: ['up', '--tenant', 'x'], message: 'up does not take --tenant; it takes --context' },
    { args: ['smoke', '--profile', 'gke'], message: '--profile "gke" must be one of: kind, eks' },
    { args: ['restart'], message: 'unknown command "restart"' },
    { args: [], message: 'name a command' },
    { args: ['up', 'now'], message: 'unexpected argument "now" after up' },
  ])(
    'refuses $args with exit 2 and a hint',
    async ({ args, message }) => {
      const { code, err } = await cli(args);
      expect(err).toContain(message);
      expect(err).toContain('pnpm cluster --help');
      expect(code).toBe(2);
    },
    60_000,
  );

  it('status exits 1 with a clear message when there is no cluster', async () => {
    const { code, err } = await cli(['status']);
    expect(err).toContain(
      'there is no kind cluster "mlops-kind-cluster" (kind get clusters); create it with pnpm cluster up',
    );
    expect(code).toBe(1);
    await expect(assertClusterExists('mlops-kind-cluster')).rejects.toThrow('no kind cluster');
  }, 60_000);

  it('--help lists the commands, options and exit codes', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    for (const word of ['up', 'status', 'smoke', 'down', '--context', '--tenant', '--profile', 'Exit code'])
      expect(out).toContain(word);
  }, 60_000);
});
