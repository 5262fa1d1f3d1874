import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_PORT,
  API_SHUTDOWN_DELAY_SECONDS,
  API_SHUTDOWN_GRACE_SECONDS,
  API_TERMINATION_GRACE_SECONDS,
  API_TMP_SIZE_MEBIBYTES,
  API_UID,
} from '@mlops/infra-charts';
import { type CheckResult, formatChecks } from '../../process/check-result.js';
import { runCommand } from '../../process/run-command.js';
import { readBaseImage } from '../base-image.js';
import { formatMegabytes } from '../dir-size.js';
import type { ImageSpec } from '../image-specs.js';
import { checkApi } from './api-checks.js';
import { DockerSandbox } from './docker-sandbox.js';
import { checkDrain } from './drain-check.js';
import { httpRequest, waitForAnswer } from './http-client.js';

const MINUTE = 60_000;

/** Options of {@link testImages}. */
export interface ImageTestOptions {
  readonly specs: readonly ImageSpec[];
  /** `docker run` limits equal to the profile's container limits. */
  readonly limits: readonly string[];
  readonly repo: string;
  readonly log: (line: string) => void;
}

/** What the manifests impose on every container (Pod Security "restricted", read-only root, /tmp only). */
export const RESTRICTED = [
  '--read-only',
  '--tmpfs',
  `/tmp:rw,size=${API_TMP_SIZE_MEBIBYTES}m`,
  '--user',
  `${API_UID}:${API_UID}`,
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges',
];

// s3rver reads a host name as a bucket (CNAME-style addressing), so clients reach it by its address, not its name.
const s3Env = (address: string) => [
  `S3_ENDPOINT=http://${address}:9000`,
  'S3_REGION=us-east-1',
  'AWS_ACCESS_KEY_ID=S3RVER',
  'AWS_SECRET_ACCESS_KEY=S3RVER',
];
const env = (vars: readonly string[]) => vars.flatMap((v) => ['--env', v]);
/** The API settings the tenant ConfigMap sets for shutdown. */
const SHUTDOWN_ENV = [
  `SHUTDOWN_DELAY_MS=${API_SHUTDOWN_DELAY_SECONDS * 1000}`,
  `SHUTDOWN_GRACE_MS=${API_SHUTDOWN_GRACE_SECONDS * 1000}`,
];

/**
 * `pnpm images:test`: the built images in real containers, no mocks. An S3 server container on a private network;
 * the trainer image trains on its bundled sample and publishes there (and, for the start-to-ready figure, to a
 * local folder); the API image runs under the manifests' constraints and limits and is checked: /ready, /predict,
 * /metrics, UID, nothing written outside /tmp, and a drained SIGTERM. Everything it creates is removed at the end.
 */
export async function testImages(options: ImageTestOptions): Promise<boolean> {
  const api = options.specs.find((s) => s.name === 'inference-api');
  const trainer = options.specs.find((s) => s.name === 'model-trainer');
  if (!api || !trainer) throw new Error('images:test needs both the inference-api and the model-trainer image');
  const { log } = options;
  const sandbox = new DockerSandbox();
  const checks: CheckResult[] = [];
  const record = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    log(`${ok ? '✔' : '✖'} ${name}: ${detail}`);
  };
  const localModels = mkdtempSync(join(tmpdir(), 'images-test-models-'));
  chmodSync(localModels, 0o777);
  const interrupted = () => void sandbox.cleanup().then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  try {
    for (const spec of [api, trainer]) {
      const { stdout } = await runCommand(
        'docker',
        ['image', 'inspect', '--format', '{{.Size}} {{.Config.User}}', spec.tag],
        {
          timeoutMs: MINUTE,
        },
      ).catch((error: Error) => {
        throw new Error(`${spec.tag} is not built: run pnpm images:build first`, { cause: error });
      });
      const [size = '0', user = ''] = stdout.split(' ');
      record(
        `${spec.name} image runs as a non-root user`,
        user === `${API_UID}:${API_UID}`,
        `USER ${user || '(root)'}, ${formatMegabytes(Number(size))}`,
      );
    }
    await sandbox.createNetwork();
    log(`▶ S3 server container on the private network ${sandbox.network}`);
    const s3 = await sandbox.run('s3', [
      ...RESTRICTED,
      '--volume',
      `${options.repo}:/repo:ro`,
      readBaseImage(join(options.repo, 'Dockerfile')).tag,
      'node',
      '/repo/scripts/src/images/image-test/s3-server-entry.mjs',
      '/tmp',
      'models',
    ]);
    const s3Address = await sandbox.address(s3);
    await waitForAnswer(`http://${s3Address}:9000/`, MINUTE, undefined, (status) => status > 0);

    log(`▶ ${trainer.tag}: train on the bundled sample, publish to s3://models`);
    const trained = await sandbox.run(
      'trainer',
      [...RESTRICTED, ...options.limits, ...env(s3Env(s3Address)), trainer.tag, '--out', 's3://models'],
      {
        wait: 10 * MINUTE,
      },
    );
    const version = await publishedVersion(trained);
    record('trainer publishes to S3 under the constraints', version !== undefined, version ?? 'no "published" line');
    record('trainer writes nothing outside /tmp', ...(await nothingWritten(trained)));
    if (!version) return false;

    log(`▶ ${api.tag}: serve s3://models/sentiment under the constraints and ${options.limits.join(' ')}`);
    const started = performance.now();
    const served = await sandbox.run('api', [
      ...RESTRICTED,
      ...options.limits,
      ...env([...s3Env(s3Address), ...SHUTDOWN_ENV, 'TENANT=images-test', 'MODEL_URI=s3://models/sentiment']),
      api.tag,
    ]);
    const url = `http://${await sandbox.address(served)}:${API_PORT}`;
    const readyMs = await waitForAnswer(`${url}/ready`, 2 * MINUTE, started).catch(async (error: Error) => {
      throw new Error(`${error.message}\n--- container log ---\n${await sandbox.logs(served)}`);
    });
    record('API becomes ready with the model from S3', true, `${(readyMs / 1000).toFixed(2)} s from docker run`);
    for (const result of await checkApi(url, served, version)) record(result.name, result.ok, result.detail);
    record('API writes nothing outside /tmp', ...(await nothingWritten(served)));

    log(`▶ start-to-ready with a local model (file:// on a read-only volume)`);
    const local = await sandbox.run(
      'trainer-local',
      [...RESTRICTED, '--volume', `${localModels}:/models`, trainer.tag, '--out', 'file:///models'],
      {
        wait: 10 * MINUTE,
      },
    );
    const localVersion = await publishedVersion(local);
    const localStart = performance.now();
    const localApi = await sandbox.run('api-local', [
      ...RESTRICTED,
      ...options.limits,
      '--volume',
      `${localModels}:/models:ro`,
      ...env(['TENANT=images-test', 'MODEL_URI=file:///models/sentiment']),
      api.tag,
    ]);
    const localUrl = `http://${await sandbox.address(localApi)}:${API_PORT}`;
    const localReadyMs = await waitForAnswer(`${localUrl}/ready`, MINUTE, localStart);
    const answer = await httpRequest(`${localUrl}/ready`);
    const servesLocal = (answer.body as { model_version?: string }).model_version === localVersion;
    record(
      'start-to-ready with a local model',
      servesLocal,
      `${(localReadyMs / 1000).toFixed(2)} s from docker run (goal ≤ 2 s), serving ${localVersion}`,
    );

    log(
      `▶ docker stop (SIGTERM) with requests in flight; grace period ${API_TERMINATION_GRACE_SECONDS} s as in the manifests`,
    );
    const drain = await checkDrain(url, served, API_TERMINATION_GRACE_SECONDS);
    record(
      'SIGTERM exits 0 within the grace period',
      drain.exitCode === 0 && drain.stopSeconds < API_TERMINATION_GRACE_SECONDS,
      `exit ${drain.exitCode} after ${drain.stopSeconds.toFixed(2)} s (serving on for ${API_SHUTDOWN_DELAY_SECONDS} s, then draining)`,
    );
    record(
      'in-flight requests are drained, not dropped',
      drain.inFlightAtStop > 0 && drain.failures.length === 0,
      `${drain.inFlightAtStop} in flight at SIGTERM, ${drain.servedAfterStop} more served during the shutdown delay, ` +
        `${drain.completed} completed in all${drain.failures.length ? `; failures: ${drain.failures.slice(0, 3).join(' | ')}` : ', none failed'}`,
    );
    return checks.every((c) => c.ok);
  } catch (error) {
    record('images:test ran to the end', false, (error as Error).message);
    return false;
  } finally {
    process.removeListener('SIGINT', interrupted);
    const leftovers = await sandbox.cleanup();
    rmSync(localModels, { recursive: true, force: true });
    if (leftovers.length > 0) record('every container and network removed', false, `left: ${leftovers.join(', ')}`);
    else log(`removed every container and the network ${sandbox.network}`);
    console.log(`\n${formatChecks(checks)}`);
  }
}

/** The version the trainer printed as published. */
async function publishedVersion(container: string): Promise<string | undefined> {
  const { stdout, stderr } = await runCommand('docker', ['logs', container], { timeoutMs: MINUTE });
  return /published (v[\w-]+)/.exec(`${stdout}\n${stderr}`)?.[1];
}

/** `docker diff` lists every change to the container's own filesystem; /tmp (a tmpfs) is not part of it. */
async function nothingWritten(container: string): Promise<[boolean, string]> {
  const { stdout } = await runCommand('docker', ['diff', container], { timeoutMs: MINUTE });
  return stdout.trim() === ''
    ? [true, 'docker diff is empty']
    : [false, `docker diff: ${stdout.trim().split('\n').slice(0, 5).join(', ')}`];
}
