import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PORT, API_SHUTDOWN_DELAY_SECONDS, API_TERMINATION_GRACE_SECONDS, API_UID } from '@mlops/infra-charts';
import { API_PROBE_PORT } from '@mlops/shared/contract';
import { type CheckResult, formatChecks } from '../../process/check-result.js';
import { readBaseImage } from '../base-image.js';
import { formatMegabytes } from '../dir-size.js';
import { requireStage } from '../dockerfile-stages.js';
import type { ImageSpec } from '../image-specs.js';
import { checkApi } from './api-checks.js';
import { checkCompileCache } from './compile-cache-check.js';
import { env, PROBE_ENV, RESTRICTED, SHUTDOWN_ENV, s3Env } from './container-flags.js';
import { memoryUsage, nothingWritten, publishedVersion } from './container-results.js';
import { DockerSandbox } from './docker-sandbox.js';
import { checkDrain } from './drain-check.js';
import { waitForAnswer } from './http-client.js';
import { checkImageConfig, inspectImage } from './image-config.js';
import { measureLocalStart } from './measure-local-start.js';

const MINUTE = 60_000;

// The trainer runs as the training Job does (to-trainer-job.ts: limits 2 CPU, 2Gi), not under a tenant API's
// limits: at the kind API's 192Mi it is OOM-killed (exit 137) before it publishes.
const TRAINER_LIMITS = ['--cpus', '2', '--memory', String(2 * 1024 ** 3), '--memory-swap', String(2 * 1024 ** 3)];

/** Options of {@link testImages}. */
export interface ImageTestOptions {
  readonly specs: readonly ImageSpec[];
  /** `docker run` limits equal to the profile's container limits. */
  readonly limits: readonly string[];
  readonly repo: string;
  readonly log: (line: string) => void;
}

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
    const dockerfile = join(options.repo, 'Dockerfile');
    for (const spec of [api, trainer]) {
      const expected = { name: spec.name, uid: API_UID, ports: requireStage(dockerfile, spec.name).exposes };
      for (const check of checkImageConfig(await inspectImage(spec.tag), expected))
        record(check.name, check.ok, check.detail);
    }
    await sandbox.createNetwork();
    log(`▶ S3 server container on the private network ${sandbox.network}`);
    const s3 = await sandbox.run('s3', [
      ...RESTRICTED,
      '--volume',
      `${options.repo}:/repo:ro`,
      readBaseImage(dockerfile).tag,
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
      [...RESTRICTED, ...TRAINER_LIMITS, ...env(s3Env(s3Address)), trainer.tag, '--out', 's3://models'],
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
      ...env([
        ...s3Env(s3Address),
        ...SHUTDOWN_ENV,
        ...PROBE_ENV,
        'TENANT=images-test',
        'MODEL_URI=s3://models/sentiment',
      ]),
      api.tag,
    ]);
    const url = `http://${await sandbox.address(served)}:${API_PORT}`;
    const readyMs = await waitForAnswer(`${url}/ready`, 2 * MINUTE, started).catch(async (error: Error) => {
      throw new Error(`${error.message}\n--- container log ---\n${await sandbox.logs(served)}`);
    });
    record('API becomes ready with the model from S3', true, `${(readyMs / 1000).toFixed(2)} s from docker run`);
    const probeUrl = `http://${await sandbox.address(served)}:${API_PROBE_PORT}`;
    for (const result of await checkApi(url, probeUrl, served, version)) record(result.name, result.ok, result.detail);
    record('API writes nothing outside /tmp', ...(await nothingWritten(served)));

    log(`▶ start-to-ready with a local model (file:// on a read-only volume)`);
    const local = await measureLocalStart(sandbox, {
      trainer: trainer.tag,
      api: api.tag,
      limits: options.limits,
      models: localModels,
    });
    record(
      'start-to-ready with a local model',
      local.servedVersion === local.version,
      `${(local.readyMs / 1000).toFixed(2)} s from docker run to the probe port's /ready at ${options.limits.join(' ')} (goal ≤ 1 s), serving ${local.servedVersion}`,
    );
    const cache = await checkCompileCache(sandbox, api.tag, options.limits);
    record('API starts from the V8 compile cache the image ships', cache.ok, cache.detail);

    log(
      `▶ docker stop (SIGTERM) with requests in flight; grace period ${API_TERMINATION_GRACE_SECONDS} s as in the manifests`,
    );
    let memory: Awaited<ReturnType<typeof memoryUsage>>;
    const drain = await checkDrain(url, served, API_TERMINATION_GRACE_SECONDS, async () => {
      memory = await memoryUsage(served);
    });
    record(
      'API memory under load stays below 80 % of its limit',
      memory !== undefined && memory.used < 0.8 * memory.limit,
      memory
        ? `${formatMegabytes(memory.used)} of ${formatMegabytes(memory.limit)} (docker stats, 8 clients)`
        : 'docker stats gave no reading',
    );
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
