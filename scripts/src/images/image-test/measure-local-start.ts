import { API_PROBE_PORT } from '@mlops/shared/contract';
import { env, PROBE_ENV, RESTRICTED } from './container-flags.js';
import { publishedVersion } from './container-results.js';
import type { DockerSandbox } from './docker-sandbox.js';
import { httpRequest, waitForAnswer } from './http-client.js';

const MINUTE = 60_000;

/** The start-to-ready figure with a local model, and which version the API ended up serving. */
export interface LocalStart {
  readonly readyMs: number;
  readonly version: string | undefined;
  readonly servedVersion: string | undefined;
}

/**
 * Trains into a host folder (the trainer image, `--out file:///models`), then times an API container serving it
 * from a read-only volume, from `docker run` until `/ready` on the probe port (what kubelet asks, with the probe
 * thread on as in the pod) answers 200: the image's own start-up, container creation included, no S3 involved.
 */
export async function measureLocalStart(
  sandbox: DockerSandbox,
  images: {
    readonly trainer: string;
    readonly api: string;
    readonly limits: readonly string[];
    readonly models: string;
  },
): Promise<LocalStart> {
  const trained = await sandbox.run(
    'trainer-local',
    [...RESTRICTED, '--volume', `${images.models}:/models`, images.trainer, '--out', 'file:///models'],
    { wait: 10 * MINUTE },
  );
  const version = await publishedVersion(trained);
  const started = performance.now();
  const api = await sandbox.run('api-local', [
    ...RESTRICTED,
    ...images.limits,
    '--volume',
    `${images.models}:/models:ro`,
    ...env([...PROBE_ENV, 'TENANT=images-test', 'MODEL_URI=file:///models/sentiment']),
    images.api,
  ]);
  const url = `http://${await sandbox.address(api)}:${API_PROBE_PORT}`;
  const readyMs = await waitForAnswer(`${url}/ready`, MINUTE, started);
  const answer = await httpRequest(`${url}/ready`);
  return { readyMs, version, servedVersion: (answer.body as { model_version?: string }).model_version };
}
