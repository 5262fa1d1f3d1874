import { parseModelUri } from '@mlops/shared';
import { API_PORT, API_PROBE_PORT, type ApiEnvKey, DNS1123_LABEL } from '@mlops/shared/contract';
import { z } from 'zod';

/** The API's settings, parsed once from the environment at start. */
export interface ApiConfig {
  readonly tenant: string;
  readonly host: string;
  readonly port: number;
  readonly modelUri: string;
  readonly storeUri: string;
  readonly modelName: string;
  /** Pinned version, or undefined to follow LATEST. */
  readonly modelVersion?: string;
  readonly s3Endpoint?: string;
  readonly s3Region: string;
  /** Longest text in Unicode code points, counted as sent and again after NFKC normalization. */
  readonly maxTextLength: number;
  readonly maxBatch: number;
  readonly bodyLimitBytes: number;
  /** Seconds between checks of LATEST; 0 turns polling off. */
  readonly modelPollIntervalSeconds: number;
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Log request texts (off by default: they may hold personal data). */
  readonly logTexts: boolean;
  /** Micro-batching of concurrent /predict calls: at most this many texts per model call (1 turns it off)... */
  readonly microBatchMaxSize: number;
  /** ...waiting at most this long for more (0: only what arrived in the same event-loop turn). */
  readonly microBatchMaxWaitMs: number;
  /** Texts waiting for or in a model call, at most; more are shed with 429 (queue_full). */
  readonly maxQueuedTexts: number;
  /** Batch requests (/predict/batch, V2 infer) waiting or scoring at once, at most; more are shed (queue_full). */
  readonly maxQueuedBatches: number;
  /** Sojourn target: shed (429, overloaded) while queued work has waited at least this long for 100 ms on end; 0: off. */
  readonly maxQueueWaitMs: number;
  /** Open connections at most; more are closed at once (counted as shed, reason connections). */
  readonly maxConnections: number;
  /**
   * After SIGTERM, keep serving this long with /ready at 503 before closing the listener: the time Kubernetes
   * takes to remove the pod from the Service's endpoints, during which clients still connect to it.
   * Defaults to 5 s so that a pod without the manifests' settings drops nothing either; SIGINT skips it.
   */
  readonly shutdownDelayMs: number;
  /** Then the time to drain in-flight requests before exiting anyway. */
  readonly shutdownGraceMs: number;
  /** Bearer API keys: `off` for local demos, `required` in every cluster profile. */
  readonly authMode: 'off' | 'required';
  /** File holding the tenant's key hashes (mounted from its key Secret). */
  readonly apiKeysFile?: string;
  /** Per-key token bucket refill (requests/s); 0 turns per-key limits off. */
  readonly rateLimitRps: number;
  /** Per-key token bucket size. */
  readonly rateLimitBurst: number;
  /** Requests in flight per replica at most; 0 turns the limit off. */
  readonly rateLimitConcurrency: number;
  /** Port of the probe listener (/health, /ready); 0: probes are answered on the main port only. */
  readonly probePort: number;
}

/** Invalid environment: every bad variable in one message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(
      `invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const schema = z.object({
  TENANT: z
    .string()
    .regex(DNS1123_LABEL, { error: "must be a DNS-1123 label (lowercase letters, digits, '-')" })
    .default('local'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(1, 65535, API_PORT),
  MODEL_URI: z
    .string({ error: 'is required, e.g. s3://models/sentiment or file:///srv/models/sentiment' })
    .min(1, { error: 'is required' }),
  S3_ENDPOINT: z.url({ error: 'must be a URL like http://minio.minio.svc.cluster.local:9000' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  MAX_TEXT_LENGTH: int(1, 1_000_000, 5000),
  MAX_BATCH: int(1, 4096, 64),
  BODY_LIMIT_BYTES: int(1024, 64 * 1024 * 1024, 1024 * 1024),
  MODEL_POLL_INTERVAL: int(0, 86_400, 60),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'),
  LOG_TEXTS: z.enum(['true', 'false']).default('false'),
  MICRO_BATCH_MAX_SIZE: int(1, 1024, 32),
  MICRO_BATCH_MAX_WAIT_MS: int(0, 1000, 0),
  MAX_QUEUED_TEXTS: int(1, 100_000, 512),
  MAX_QUEUED_BATCHES: int(1, 1024, 8),
  MAX_QUEUE_WAIT_MS: int(0, 60_000, 0),
  MAX_CONNECTIONS: int(1, 100_000, 1000),
  SHUTDOWN_DELAY_MS: int(0, 120_000, 5000),
  SHUTDOWN_GRACE_MS: int(0, 600_000, 20_000),
  AUTH_MODE: z.enum(['off', 'required']).default('off'),
  API_KEYS_FILE: z.string().min(1).optional(),
  RATE_LIMIT_RPS: int(0, 1_000_000, 0),
  RATE_LIMIT_BURST: int(0, 1_000_000, 0),
  RATE_LIMIT_CONCURRENCY: int(0, 100_000, 0),
  PROBE_PORT: int(0, 65535, 0),
  // Exactly the keys of the contract's API_ENV, which the synthesizer writes into the tenant ConfigMap.
} satisfies Record<ApiEnvKey, z.ZodType>);

/** Parses and validates the environment once; the only place the API reads it. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ApiConfig {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(raw, { reportInput: true });
  const problems = parsed.success
    ? []
    : parsed.error.issues.map(
        (i) => `${String(i.path[0])}${i.input !== undefined ? `=${JSON.stringify(i.input)}` : ''} ${i.message}`,
      );
  let location: ReturnType<typeof parseModelUri> | undefined;
  if (raw.MODEL_URI) {
    try {
      location = parseModelUri(raw.MODEL_URI);
    } catch (error) {
      problems.push(
        `MODEL_URI=${JSON.stringify(raw.MODEL_URI)} ${(error as Error).message.replace(/^model URI "[^"]*" /, '')}`,
      );
    }
  }
  if (parsed.success && parsed.data.MAX_QUEUED_TEXTS < parsed.data.MAX_BATCH)
    problems.push(
      `MAX_QUEUED_TEXTS=${parsed.data.MAX_QUEUED_TEXTS} is below MAX_BATCH=${parsed.data.MAX_BATCH}; a full batch could never be queued, raise MAX_QUEUED_TEXTS`,
    );
  if (parsed.success && parsed.data.PROBE_PORT !== 0 && parsed.data.PROBE_PORT === parsed.data.PORT)
    problems.push(
      `PROBE_PORT=${parsed.data.PROBE_PORT} is the same as PORT; give the probe listener its own port (the cluster uses ${API_PROBE_PORT}) or 0 to answer probes on PORT only`,
    );
  if (parsed.success && parsed.data.AUTH_MODE === 'required' && !parsed.data.API_KEYS_FILE)
    problems.push(
      'API_KEYS_FILE is required when AUTH_MODE=required: point it at the mounted key Secret (pnpm cluster keys create --tenant <tenant>), or set AUTH_MODE=off for a local demo',
    );
  if (parsed.success && parsed.data.RATE_LIMIT_RPS > 0 && parsed.data.RATE_LIMIT_BURST < 1)
    problems.push(
      `RATE_LIMIT_BURST=${parsed.data.RATE_LIMIT_BURST} must be at least 1 when RATE_LIMIT_RPS=${parsed.data.RATE_LIMIT_RPS} is set; a bucket of 0 admits nothing (set it to about 2x RATE_LIMIT_RPS)`,
    );
  if (!parsed.success || !location || problems.length > 0) throw new ConfigError(problems);
  const c = parsed.data;
  return {
    tenant: c.TENANT,
    host: c.HOST,
    port: c.PORT,
    modelUri: c.MODEL_URI,
    storeUri: location.storeUri,
    modelName: location.modelName,
    ...(location.version ? { modelVersion: location.version } : {}),
    ...(c.S3_ENDPOINT ? { s3Endpoint: c.S3_ENDPOINT } : {}),
    s3Region: c.S3_REGION,
    maxTextLength: c.MAX_TEXT_LENGTH,
    maxBatch: c.MAX_BATCH,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    modelPollIntervalSeconds: c.MODEL_POLL_INTERVAL,
    logLevel: c.LOG_LEVEL,
    logTexts: c.LOG_TEXTS === 'true',
    microBatchMaxSize: c.MICRO_BATCH_MAX_SIZE,
    microBatchMaxWaitMs: c.MICRO_BATCH_MAX_WAIT_MS,
    maxQueuedTexts: c.MAX_QUEUED_TEXTS,
    maxQueuedBatches: c.MAX_QUEUED_BATCHES,
    maxQueueWaitMs: c.MAX_QUEUE_WAIT_MS,
    maxConnections: c.MAX_CONNECTIONS,
    shutdownDelayMs: c.SHUTDOWN_DELAY_MS,
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    authMode: c.AUTH_MODE,
    ...(c.API_KEYS_FILE ? { apiKeysFile: c.API_KEYS_FILE } : {}),
    rateLimitRps: c.RATE_LIMIT_RPS,
    rateLimitBurst: c.RATE_LIMIT_BURST,
    rateLimitConcurrency: c.RATE_LIMIT_CONCURRENCY,
    probePort: c.PROBE_PORT,
  };
}
export { schema as API_ENV_SCHEMA };
