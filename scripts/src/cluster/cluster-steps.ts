import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Store } from '@mlops/shared';
import { runCommand, succeeds } from '../process/run-command.js';
import { runStep } from '../process/run-step.js';
import { withPortForward } from './port-forward.js';
import { checkPrerequisites } from './prerequisites.js';

/** What the cluster steps work on. */
export interface ClusterContext {
  readonly repo: string;
  readonly clusterName: string;
  readonly tenants: readonly string[];
  /** The image tags the kind manifests reference. */
  readonly imageTags: readonly string[];
  /** Builds those images (the steps of `pnpm images:build`); passed in, so these steps stay testable with fakes. */
  readonly buildImages: () => Promise<void>;
  /** Object key in the datasets bucket → local file (the training Job reads sst2/train.tsv and sst2/dev.tsv). */
  readonly trainingData: Readonly<Record<string, string>>;
  readonly log: (line: string) => void;
}

const MINUTE = 60_000;

/** A kind config: one control plane and two workers, so topology spread and PDBs mean something. */
export function kindConfig(): string {
  return [
    'kind: Cluster',
    'apiVersion: kind.x-k8s.io/v1alpha4',
    'nodes:',
    '  - role: control-plane',
    '  - role: worker',
    '  - role: worker',
    '',
  ].join('\n');
}

/** Creates the kind cluster unless it exists (idempotent). Returns whether it was created. */
export async function ensureCluster(ctx: ClusterContext): Promise<boolean> {
  const { stdout } = await runCommand('kind', ['get', 'clusters'], { timeoutMs: MINUTE });
  if (stdout.split('\n').includes(ctx.clusterName)) return false;
  const config = join(mkdtempSync(join(tmpdir(), 'kind-')), 'kind.yaml');
  writeFileSync(config, kindConfig());
  await runCommand('kind', ['create', 'cluster', '--name', ctx.clusterName, '--config', config, '--wait', '180s'], {
    timeoutMs: 10 * MINUTE,
  });
  return true;
}

/** Builds the images and loads them into the kind nodes. */
export async function buildAndLoadImages(ctx: ClusterContext): Promise<void> {
  await ctx.buildImages();
  for (const tag of ctx.imageTags)
    await runCommand('kind', ['load', 'docker-image', tag, '--name', ctx.clusterName], { timeoutMs: 10 * MINUTE });
}

const random = () => randomBytes(18).toString('base64url');
const secret = (namespace: string, name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { namespace, name },
  type: 'Opaque',
  stringData: data,
});

/** Every Secret the manifests reference, with fresh random values that match across namespaces. */
export function platformSecrets(tenants: readonly string[]): object[] {
  const keys = Object.fromEntries([...tenants, 'model-trainer'].map((user) => [user, random()]));
  return [
    secret('minio', 'minio-root-credentials', { rootUser: 'platform-admin', rootPassword: random() }),
    secret('minio', 'minio-user-credentials', keys),
    ...tenants.map((t) =>
      secret(t, `${t}-model-store-credentials`, { AWS_ACCESS_KEY_ID: t, AWS_SECRET_ACCESS_KEY: keys[t] as string }),
    ),
    secret('mlops-system', 'model-trainer-credentials', {
      AWS_ACCESS_KEY_ID: 'model-trainer',
      AWS_SECRET_ACCESS_KEY: keys['model-trainer'] as string,
    }),
    secret('monitoring', 'grafana-admin-credentials', { 'admin-user': 'admin', 'admin-password': random() }),
  ];
}

/**
 * Creates the Secrets once: when minio-user-credentials exists they all exist, and re-running changes nothing.
 * Values go to kubectl on stdin, never in arguments or files.
 */
export async function ensureSecrets(ctx: ClusterContext): Promise<boolean> {
  if (await succeeds('kubectl', ['-n', 'minio', 'get', 'secret', 'minio-user-credentials'], MINUTE)) return false;
  const list = { apiVersion: 'v1', kind: 'List', items: platformSecrets(ctx.tenants) };
  await runCommand('kubectl', ['apply', '-f', '-'], { timeoutMs: MINUTE, input: JSON.stringify(list) });
  return true;
}

/** Uploads the training data to MinIO through a port-forward, with the root credentials read from the cluster. */
export async function uploadTrainingData(ctx: ClusterContext, files: Readonly<Record<string, string>>): Promise<void> {
  const { stdout } = await runCommand(
    'kubectl',
    ['-n', 'minio', 'get', 'secret', 'minio-root-credentials', '-o', 'jsonpath={.data}'],
    { timeoutMs: MINUTE },
  );
  const data = JSON.parse(stdout || '{}') as Record<string, string>;
  const decode = (k: string) => Buffer.from(data[k] ?? '', 'base64').toString('utf8');
  await withPortForward('minio', 'minio', 9000, async ({ url }) => {
    const store = new S3Store({
      bucket: 'datasets',
      endpoint: url,
      credentials: { accessKeyId: decode('rootUser'), secretAccessKey: decode('rootPassword') },
    });
    for (const [key, file] of Object.entries(files)) {
      await store.write(key, readFileSync(file));
      ctx.log(`  ${file} -> s3://datasets/${key}`);
    }
  });
}

/** `pnpm cluster up`: prerequisites, cluster, images, namespaces, Secrets, manifests, rollouts. Safe to run twice. */
export async function clusterUp(ctx: ClusterContext): Promise<void> {
  const dist = join(ctx.repo, 'dist', 'kind');
  await runStep(ctx, 'check prerequisites (docker, kind >= 0.24, kubectl)', async () => {
    const { problems, versions } = await checkPrerequisites();
    if (problems.length > 0) throw new Error(`missing prerequisites:\n  - ${problems.join('\n  - ')}`);
    ctx.log(
      `  ${Object.entries(versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  });
  const created = await runStep(ctx, `kind cluster ${ctx.clusterName}`, () => ensureCluster(ctx));
  ctx.log(`  ${created ? 'created' : 'already exists'}`);
  await runStep(ctx, 'build and load the images', () => buildAndLoadImages(ctx));
  await runStep(ctx, 'namespaces', () =>
    runCommand('kubectl', ['apply', '-f', join(dist, '00-namespaces.yaml')], { timeoutMs: MINUTE }),
  );
  const made = await runStep(ctx, 'secrets (random values, never written to disk)', () => ensureSecrets(ctx));
  ctx.log(`  ${made ? 'created' : 'already present'}`);
  await runStep(ctx, 'apply dist/kind', () => runCommand('kubectl', ['apply', '-f', dist], { timeoutMs: 5 * MINUTE }));
  await runStep(ctx, 'object storage ready', async () => {
    await runCommand('kubectl', ['-n', 'minio', 'rollout', 'status', 'deployment/minio', '--timeout=300s'], {
      timeoutMs: 6 * MINUTE,
    });
    await runCommand(
      'kubectl',
      ['-n', 'minio', 'wait', '--for=condition=complete', 'job/minio-provisioning', '--timeout=300s'],
      { timeoutMs: 6 * MINUTE },
    );
  });
  await runStep(ctx, 'upload the training data', () => uploadTrainingData(ctx, ctx.trainingData));
  await runStep(ctx, 'training Job complete (publishes s3://models/sentiment)', () =>
    runCommand(
      'kubectl',
      ['-n', 'mlops-system', 'wait', '--for=condition=complete', 'job/model-trainer', '--timeout=1200s'],
      { timeoutMs: 21 * MINUTE },
    ),
  );
  for (const tenant of ctx.tenants) {
    await runStep(ctx, `tenant ${tenant} rolled out`, () =>
      runCommand(
        'kubectl',
        ['-n', tenant, 'rollout', 'status', `deployment/${tenant}-ml-inference`, '--timeout=600s'],
        { timeoutMs: 11 * MINUTE },
      ),
    );
  }
}

/** `pnpm cluster down`: deletes the kind cluster if it exists. */
export async function clusterDown(ctx: ClusterContext): Promise<void> {
  await runStep(ctx, `delete kind cluster ${ctx.clusterName}`, async () => {
    const { stdout } = await runCommand('kind', ['get', 'clusters'], { timeoutMs: MINUTE });
    if (stdout.split('\n').includes(ctx.clusterName))
      await runCommand('kind', ['delete', 'cluster', '--name', ctx.clusterName], { timeoutMs: 5 * MINUTE });
    else ctx.log('  no such cluster');
  });
}
