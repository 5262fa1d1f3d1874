import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Store } from '@mlops/shared';
import { startS3Server, type TestS3Server } from '@mlops/shared/testing';
import { type ClusterContext, clusterDown, clusterUp, platformSecrets } from '../../src/cluster/cluster-steps.js';
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
const calls = () => readFileSync(join(fakes.state, 'calls.log'), 'utf8').trim().split('\n');

function context(lines: string[] = []): ClusterContext {
  return {
    repo: '/repo',
    clusterName: 'mlops-kind-cluster',
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
  });

  it('kills a command that runs past its timeout', async () => {
    const error = (await runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { timeoutMs: 300 }).catch(
      (e: unknown) => e,
    )) as CommandError;
    expect(error.message).toMatch(/timed out after 300 ms/);
  });

  it('says when a program is not installed', async () => {
    await expect(runCommand('definitely-not-a-tool', [], { timeoutMs: 1000 })).rejects.toThrow(
      'definitely-not-a-tool failed: definitely-not-a-tool is not installed or not on PATH',
    );
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
      'kubectl apply -f /repo/dist/kind/00-namespaces.yaml',
      'kubectl -n minio get secret minio-user-credentials',
      'kubectl apply -f -',
      'kubectl apply -f /repo/dist/kind',
      'kubectl -n minio rollout status deployment/minio --timeout=300s',
      'kubectl -n minio wait --for=condition=complete job/minio-provisioning --timeout=300s',
      'kubectl -n minio get secret minio-root-credentials -o jsonpath={.data}',
      expect.stringMatching(/^kubectl -n minio port-forward svc\/minio \d+:9000$/),
      'kubectl -n mlops-system wait --for=condition=complete job/model-trainer --timeout=1200s',
      'kubectl -n tenant-a rollout status deployment/tenant-a-ml-inference --timeout=600s',
      'kubectl -n tenant-b rollout status deployment/tenant-b-ml-inference --timeout=600s',
    ]);
    const secrets = JSON.parse(readFileSync(join(fakes.state, 'secrets.json'), 'utf8'));
    expect(secrets.items.map((s: any) => `${s.metadata.namespace}/${s.metadata.name}`)).toContain(
      'tenant-b/tenant-b-model-store-credentials',
    );
    expect(calls().join('\n')).not.toContain(secrets.items[0].stringData.rootPassword);
    const uploaded = await new S3Store({ bucket: 'datasets', endpoint: s3.endpoint, credentials: s3.credentials }).read(
      'sst2/train.tsv',
    );
    expect(new TextDecoder().decode(uploaded)).toContain('sentence\tlabel');
    expect(log.filter((l) => l.startsWith('✔'))).toHaveLength(11);
    expect(log.some((l) => /^✔ apply dist\/kind \(\d+\.\d s\)$/.test(l))).toBe(true);
  }, 60_000);

  it('is idempotent: a second run creates neither the cluster nor the Secrets again', async () => {
    await clusterUp(context());
    const second = calls().slice(-18).join('\n');
    expect(calls().filter((c) => c.startsWith('kind create cluster'))).toHaveLength(1);
    expect(calls().filter((c) => c === 'kubectl apply -f -')).toHaveLength(1);
    expect(second).toContain('kubectl apply -f /repo/dist/kind');
  }, 60_000);

  it('stops at the failing step and names it', async () => {
    process.env.FAKE_FAIL = 'kubectl apply -f /repo/dist/kind';
    const log: string[] = [];
    await expect(clusterUp(context(log))).rejects.toThrow(/kubectl apply -f \/repo\/dist\/kind exited with code 3/);
    expect(log.at(-1)).toMatch(/^✖ apply dist\/kind failed after/);
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

describe('platformSecrets', () => {
  it('gives each tenant the same key in its namespace as MinIO holds for its user, all random', () => {
    const [root, users, a] = platformSecrets(['tenant-a']) as any[];
    expect(a.stringData).toEqual({
      AWS_ACCESS_KEY_ID: 'tenant-a',
      AWS_SECRET_ACCESS_KEY: users.stringData['tenant-a'],
    });
    expect(root.stringData.rootPassword).toMatch(/^[\w-]{24}$/);
    expect((platformSecrets(['tenant-a'])[0] as any).stringData.rootPassword).not.toBe(root.stringData.rootPassword);
  });
});

describe('pnpm cluster status (fake kubectl)', () => {
  it('shows ready replicas, HPA current/desired and the served model version per tenant, "-" for what is missing', async () => {
    const { formatStatus, tenantStatus } = await import('../../src/cluster/cluster-status.js');
    useFakes();
    const rows = await Promise.all(['tenant-a', 'tenant-b'].map((t) => tenantStatus(t)));
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
