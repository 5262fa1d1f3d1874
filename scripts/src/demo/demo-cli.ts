#!/usr/bin/env node
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, exitOnSignals, loadConfig, type RunningServer, runServer } from '@mlops/inference-api';
import { loadTensorFlow, parseCliOrExit } from '@mlops/shared';
import { DEMO_CLI } from './demo-spec.js';
import { describeListener, describeModel } from './describe-demo.js';
import { prepareDemoModel } from './prepare-demo-model.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const log = (line: string) => console.log(`demo: ${line}`);

/** `pnpm start`: the only place the demo reads the environment. */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseCliOrExit(DEMO_CLI, argv);
  const cwd = env.INIT_CWD ?? process.cwd();
  const storeDir = resolve(REPO, '.models');
  // Bad --port/--host are refused before any work.
  const config = loadConfig({
    ...env,
    TENANT: env.TENANT ?? 'local',
    MODEL_URI: `file://${storeDir}/sentiment`,
    PORT: values.port ?? env.PORT,
    HOST: values.host ?? env.HOST ?? '127.0.0.1',
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  });
  const runtime = await loadTensorFlow();
  log(
    `TensorFlow.js ${runtime.tf.version_core}, backend ${runtime.backend}${runtime.fallbackReason ? `: ${runtime.fallbackReason}` : ''}`,
  );
  const data = values.data ? (isAbsolute(values.data) ? values.data : resolve(cwd, values.data)) : undefined;
  const model = await prepareDemoModel(storeDir, runtime, log, {
    retrain: values.retrain === true || data !== undefined,
    ...(data ? { data } : {}),
  });
  for (const line of describeModel(model)) log(line);
  let running: RunningServer;
  try {
    running = await runServer(config, runtime);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `demo: port ${config.port} on ${config.host} is already in use (another pnpm start?); stop that process or pick another port: pnpm start -- --port ${config.port + 1}`,
      );
      return 1;
    }
    throw error;
  }
  exitOnSignals(running);
  // Say "serving" only once /ready says so: the server listens before the model has loaded (as in a pod).
  if (!(await waitUntilReady(running.url, 30_000))) {
    console.error(`demo: the API did not become ready within 30 s; see ${running.url}/ready for the reason`);
    return 1;
  }
  for (const line of describeListener(running, config.tenant)) log(line);
  return -1;
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`demo: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);

/** Polls GET /ready until 200 or the deadline; false when it never became ready. */
async function waitUntilReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
