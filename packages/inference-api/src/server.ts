#!/usr/bin/env node
import { parseCliOrExit, TYPED_ARRAY_RUNTIME } from '@mlops/shared';
import { SERVE_CLI } from './cli/serve-cli-spec.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { exitOnSignals, runServer } from './run-server.js';

/**
 * The server entry (`pnpm serve`, the container's command): reads the environment once, listens, and
 * on SIGTERM turns /ready to 503, refuses new connections, lets in-flight requests finish and exits 0.
 */
async function main(): Promise<void> {
  parseCliOrExit(SERVE_CLI, process.argv.slice(2));
  const config = loadConfig(process.env);
  exitOnSignals(await runServer(config, TYPED_ARRAY_RUNTIME));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`inference-api: ${error.message}`);
  else console.error(`inference-api: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
