import type { CliSpec } from '@mlops/shared';
import { formatEnvHelp } from '../config/describe-env.js';

/** `pnpm serve`: configured by environment variables only (as in the container), listed from the loader's schema. */
export const SERVE_CLI: CliSpec<Record<string, never>> = {
  command: 'pnpm serve',
  usage: '',
  summary: `Serves a published model over HTTP (POST /predict, /predict/batch, /v2/..., /health, /ready, /metrics,
/openapi.json). Configured by environment variables only, as in the container; a bad value is refused
at start with every problem listed (exit 2). SIGTERM/SIGINT drain in-flight requests and exit 0.`,
  options: {},
  sections: [{ title: 'Environment', body: formatEnvHelp() }],
  examples: [
    'MODEL_URI=file://$PWD/.models/sentiment pnpm serve',
    'MODEL_URI=s3://models/sentiment S3_ENDPOINT=http://127.0.0.1:9000 PORT=8080 LOG_LEVEL=debug pnpm serve',
  ],
};
