import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOB_BASE_NAME_LABEL } from '@mlops/infra-charts';
import { S3Store } from '@mlops/shared';
import {
  apiDeploymentName,
  MINIO_API_PORT,
  MINIO_NAMESPACE,
  MINIO_ROOT_KEYS,
  MINIO_SECRETS,
  MINIO_SERVICE,
} from '@mlops/shared/contract';
import { runCommand } from '../process/run-command.js';
import { runStep } from '../process/run-step.js';
import { ensureSecrets } from './cluster-secrets.js';
import { installEdgePrerequisites, needsEdge } from './edge-prerequisites.js';
import { ensureTenantKeys } from './keys/cluster-keys.js';
import { kubectl } from './kubectl.js';
import { withPortForward } from './port-forward.js';
import { checkPrerequisites } from './prerequisites.js';

/** What the cluster steps work on. */
export interface ClusterContext {
  readonly repo: string;
  readonly clusterName: string;
  /** The kube context every kubectl call names (kind-<clusterName>), never the current one. */
  readonly kubeContext: string;
  /** The platform name: the app.kubernetes.io/part-of label that apply --prune selects by. */
  readonly platformName: string;
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

/** Uploads the training data to MinIO through a port-forward, with the root credentials read from the cluster. */
export async function uploadTrainingData(ctx: ClusterContext, files: Readonly<Record<string, string>>): Promise<void> {
  const { stdout } = await kubectl(
    ctx.kubeContext,
    ['-n', MINIO_NAMESPACE, 'get', 'secret', MINIO_SECRETS.root, '-o', 'jsonpath={.data}'],
    { timeoutMs: MINUTE },
  );
  const data = JSON.parse(stdout || '{}') as Record<string, string>;
  const decode = (k: string) => Buffer.from(data[k] ?? '', 'base64').toString('utf8');
  await withPortForward(ctx.kubeContext, MINIO_NAMESPACE, MINIO_SERVICE, MINIO_API_PORT, async ({ url }) => {
    const store = new S3Store({
      bucket: 'datasets',
      endpoint: url,
      credentials: { accessKeyId: decode(MINIO_ROOT_KEYS.user), secretAccessKey: decode(MINIO_ROOT_KEYS.password) },
    });
    for (const [key, file] of Object.entries(files)) {
      await store.write(key, readFileSync(file));
      ctx.log(`  ${file} -> s3://datasets/${key}`);
    }
  });
}

/** `kubectl apply -k <dist> --prune -l part-of=<platform>`: the documented apply, also what cluster up runs. */
export function applyArgs(dist: string, platformName: string): string[] {
  return ['apply', '-k', dist, '--prune', '-l', `app.kubernetes.io/part-of=${platformName}`];
}

/** Waits for the current Job of a content-named family (its name changes with its inputs): selected by base label. */
function waitForJob(namespace: string, base: string, seconds: number): string[] {
  return [
    '-n',
    namespace,
    'wait',
    '--for=condition=complete',
    'job',
    '-l',
    `${JOB_BASE_NAME_LABEL}=${base}`,
    `--timeout=${seconds}s`,
  ];
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
  if (needsEdge(dist))
    await runStep(ctx, 'edge controllers (Envoy Gateway, cert-manager; pinned)', () => installEdgePrerequisites(ctx));
  await runStep(ctx, 'namespaces', () =>
    kubectl(ctx.kubeContext, ['apply', '-f', join(dist, '00-namespaces.yaml')], { timeoutMs: MINUTE }),
  );
  const made = await runStep(ctx, 'secrets per tenant (missing ones only, random values, never on disk)', () =>
    ensureSecrets(ctx),
  );
  if (made.length === 0) ctx.log('  all present');
  // The API refuses to start with AUTH_MODE=required and no key: a tenant without a key Secret gets one, shown once.
  const keyed = await runStep(ctx, 'API keys per tenant (a first key where none exists, shown once)', () =>
    ensureTenantKeys({ ...ctx, reveal: (key) => ctx.log(`  API key (shown once, store it now): ${key}`) }),
  );
  if (keyed.length === 0) ctx.log('  every tenant has keys (pnpm cluster keys list --tenant <tenant>)');
  // The kustomization lists every file; prune deletes what left dist/ (a removed tenant, a superseded Job).
  await runStep(ctx, 'apply dist/kind (kubectl apply -k, prune by label)', () =>
    kubectl(ctx.kubeContext, applyArgs(dist, ctx.platformName), { timeoutMs: 5 * MINUTE }),
  );
  await runStep(ctx, 'object storage ready', async () => {
    await kubectl(ctx.kubeContext, ['-n', 'minio', 'rollout', 'status', 'deployment/minio', '--timeout=300s'], {
      timeoutMs: 6 * MINUTE,
    });
    await kubectl(ctx.kubeContext, waitForJob('minio', 'minio-provisioning', 300), { timeoutMs: 6 * MINUTE });
  });
  await runStep(ctx, 'upload the training data', () => uploadTrainingData(ctx, ctx.trainingData));
  await runStep(ctx, 'training Job complete (publishes s3://models/sentiment)', () =>
    kubectl(ctx.kubeContext, waitForJob('mlops-system', 'model-trainer', 1200), { timeoutMs: 21 * MINUTE }),
  );
  for (const tenant of ctx.tenants) {
    await runStep(ctx, `tenant ${tenant} rolled out`, () =>
      kubectl(
        ctx.kubeContext,
        ['-n', tenant, 'rollout', 'status', `deployment/${apiDeploymentName(tenant)}`, '--timeout=600s'],
        {
          timeoutMs: 11 * MINUTE,
        },
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
