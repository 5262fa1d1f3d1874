import { API_PORT } from '@mlops/infra-charts';
import { env, RESTRICTED } from './container-flags.js';
import type { DockerSandbox } from './docker-sandbox.js';
import { waitForAnswer } from './http-client.js';

const MINUTE = 60_000;

/** Node's debug line for a module whose compiled code came from the cache (NODE_DEBUG_NATIVE=COMPILE_CACHE). */
const ACCEPTED = /^\[compile cache\] cache for (file:\/\/\/app\/\S+) was accepted/;
/** … and for one it compiled again: no cache entry, or one V8 refused (other Node build, user id or V8 flags). */
const MISSED = /^\[compile cache\] cache for (file:\/\/\/app\/\S+) was (?!accepted)/;

/**
 * Whether the API image starts from its V8 compile cache (Dockerfile, api-compile-cache): one container under the
 * manifests' constraints and limits with Node's compile-cache debug output on and no model (it only has to load its
 * modules and listen), whose log must show every module of /app it loaded taken from the cache. V8 refuses a cache
 * silently, which would cost the start-up the cache exists to save.
 */
export async function checkCompileCache(
  sandbox: DockerSandbox,
  image: string,
  limits: readonly string[],
): Promise<{ ok: boolean; detail: string }> {
  const api = await sandbox.run('api-compile-cache', [
    ...RESTRICTED,
    ...limits,
    ...env([
      'NODE_DEBUG_NATIVE=COMPILE_CACHE',
      'TENANT=images-test',
      'MODEL_URI=file:///tmp/no-models/sentiment',
      'MODEL_POLL_INTERVAL=0',
    ]),
    image,
  ]);
  await waitForAnswer(`http://${await sandbox.address(api)}:${API_PORT}/health`, MINUTE, undefined, (s) => s > 0);
  const lines = (await sandbox.logs(api, 400)).split('\n');
  const accepted = lines.flatMap((l) => ACCEPTED.exec(l)?.[1] ?? []);
  const missed = lines.flatMap((l) => MISSED.exec(l)?.[1] ?? []);
  const ok = accepted.length > 0 && missed.length === 0;
  return {
    ok,
    detail: ok
      ? `${accepted.length} modules of /app from the cache (${accepted[0]} first)`
      : `from the cache: ${accepted.join(', ') || 'none'}; compiled again: ${missed.join(', ') || 'none'}; log: ${lines.slice(0, 6).join(' | ').slice(0, 400)}`,
  };
}
