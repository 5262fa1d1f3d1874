import { API_ENV_SCHEMA } from './load-config.js';

/** What each environment variable of the API is for (the loader's schema gives the defaults and allowed values). */
export const ENV_DESCRIPTIONS: Readonly<Record<string, string>> = {
  TENANT: 'tenant name, in responses, logs and metrics',
  HOST: 'address to listen on',
  PORT: 'port to listen on',
  MODEL_URI: 'model to serve: <store>/<model>[/<version>]; without a version it follows LATEST',
  S3_ENDPOINT: 'S3 server for s3:// URIs (credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the AWS chain)',
  S3_REGION: 'S3 region',
  MAX_TEXT_LENGTH: 'longest accepted text, in Unicode code points (as sent and after NFKC normalization)',
  MAX_BATCH: 'most texts in one /predict/batch call',
  BODY_LIMIT_BYTES: 'largest accepted request body',
  MODEL_POLL_INTERVAL: 'seconds between checks of LATEST for a new version (0: never)',
  LOG_LEVEL: 'log level; per-request access lines are at debug',
  LOG_TEXTS: 'log request texts (they may hold personal data)',
  MICRO_BATCH_MAX_SIZE: 'most concurrent /predict texts scored in one model call (1: no micro-batching)',
  MICRO_BATCH_MAX_WAIT_MS: 'longest wait for more texts to batch (0: only those of the same event-loop turn)',
  MAX_QUEUED_TEXTS: 'texts waiting for or in a model call, at most; more are shed with 429 (queue_full)',
  MAX_QUEUED_BATCHES: 'batch requests (/predict/batch, V2 infer) waiting or scoring at once; more are shed with 429',
  MAX_QUEUE_WAIT_MS:
    'shed with 429 (overloaded) while queued work has waited at least this long for 100 ms on end (0: off)',
  MAX_CONNECTIONS: 'open connections at most; more are closed at once (counted as shed)',
  SHUTDOWN_DELAY_MS: 'after SIGTERM, serve on this long with /ready at 503 before closing the listener',
  SHUTDOWN_GRACE_MS: 'then wait this long for in-flight requests before exiting anyway',
  AUTH_MODE:
    'Bearer API keys on every route but probes and /metrics: off for local demos, required in every cluster profile',
  API_KEYS_FILE:
    "file with the tenant's API key hashes (the mounted key Secret; re-read every 2 s); required with AUTH_MODE=required",
  RATE_LIMIT_RPS: 'token bucket per API key (per client with auth off): refill in requests per second (0: no limit)',
  RATE_LIMIT_BURST: 'token bucket per API key: burst size (at least 1 when RATE_LIMIT_RPS is set)',
  RATE_LIMIT_CONCURRENCY: 'requests in flight at once per replica (0: no limit)',
  PROBE_PORT: 'port of the probe listener thread for /health and /ready (0: the main port only; must differ from PORT)',
};

/** One variable as `pnpm serve --help` lists it. */
export interface EnvVariableHelp {
  readonly name: string;
  readonly description: string;
  /** The default, or "required". */
  readonly default: string;
  /** Allowed values, as the loader's own error message states them. */
  readonly allowed: string;
}

/** Checked beyond the schema (by parseModelUri), so stated here. */
const ALLOWED_OVERRIDES: Readonly<Record<string, string>> = {
  MODEL_URI: 'file:///<folder>/<model>[/<version>] or s3://<bucket>[/<prefix>]/<model>[/<version>]',
};

type Field = { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } };

/** Reads defaults and allowed values out of the loader's schema itself, so the help cannot drift from it. */
export function describeEnv(): EnvVariableHelp[] {
  return Object.entries(API_ENV_SCHEMA.shape).map(([name, schema]) => {
    const field = schema as unknown as Field & { options?: readonly string[]; unwrap?: () => unknown };
    const absent = field.safeParse(undefined);
    const options = field.options ?? (field.unwrap?.() as { options?: readonly string[] } | undefined)?.options;
    const probe = field.safeParse('\u0000not a valid value');
    const allowed = ALLOWED_OVERRIDES[name]
      ? ALLOWED_OVERRIDES[name]
      : options
        ? options.join(' | ')
        : probe.success
          ? 'any non-empty string'
          : (probe.error?.issues[0]?.message ?? '').replace(/^must be /, '');
    return {
      name,
      description: ENV_DESCRIPTIONS[name] ?? '(undocumented)',
      default: absent.success ? String(absent.data ?? '(unset)') : 'required',
      allowed,
    };
  });
}

/** The Environment section of `pnpm serve --help`. */
export function formatEnvHelp(): string {
  const vars = describeEnv();
  const width = Math.max(...vars.map((v) => v.name.length)) + 2;
  return vars
    .map(
      (v) =>
        `  ${v.name.padEnd(width)}${v.description}\n  ${' '.repeat(width)}default: ${v.default}; allowed: ${v.allowed}`,
    )
    .join('\n');
}
