/**
 * The environment variables the tenant API reads (its ConfigMap's keys): the synthesizer writes them and the API's
 * loadConfig parses exactly these, so a key renamed here is renamed on both sides.
 */
export const API_ENV = {
  tenant: 'TENANT',
  host: 'HOST',
  port: 'PORT',
  modelUri: 'MODEL_URI',
  s3Endpoint: 'S3_ENDPOINT',
  s3Region: 'S3_REGION',
  maxTextLength: 'MAX_TEXT_LENGTH',
  maxBatch: 'MAX_BATCH',
  bodyLimitBytes: 'BODY_LIMIT_BYTES',
  modelPollInterval: 'MODEL_POLL_INTERVAL',
  logLevel: 'LOG_LEVEL',
  logTexts: 'LOG_TEXTS',
  microBatchMaxSize: 'MICRO_BATCH_MAX_SIZE',
  microBatchMaxWaitMs: 'MICRO_BATCH_MAX_WAIT_MS',
  maxQueuedTexts: 'MAX_QUEUED_TEXTS',
  maxQueuedBatches: 'MAX_QUEUED_BATCHES',
  maxQueueWaitMs: 'MAX_QUEUE_WAIT_MS',
  maxConnections: 'MAX_CONNECTIONS',
  shutdownDelayMs: 'SHUTDOWN_DELAY_MS',
  shutdownGraceMs: 'SHUTDOWN_GRACE_MS',
  /** `off` (local demos) or `required` (every cluster profile): Bearer API keys checked by the API itself. */
  authMode: 'AUTH_MODE',
  /** File with the tenant's API key hashes (the mounted key Secret's API_KEYS_SECRET_KEY). */
  apiKeysFile: 'API_KEYS_FILE',
  /** Token bucket per API key: refill in requests per second (0: no per-key limit). */
  rateLimitRps: 'RATE_LIMIT_RPS',
  /** Token bucket per API key: burst size. */
  rateLimitBurst: 'RATE_LIMIT_BURST',
  /** Requests in flight at once per replica for the tenant (0: no limit). */
  rateLimitConcurrency: 'RATE_LIMIT_CONCURRENCY',
  /** Port of the probe listener (/health, /ready) that answers even while scoring saturates the main loop. */
  probePort: 'PROBE_PORT',
} as const;
/** One of the API's environment variable names. */
export type ApiEnvKey = (typeof API_ENV)[keyof typeof API_ENV];
/** Environment the S3 client reads (store endpoint and region), shared by the API and the trainer. */
export const S3_ENV = { endpoint: 'S3_ENDPOINT', region: 'S3_REGION' } as const;

/** The shutdown settings as the API's environment (ms), from the platform's seconds. */
export function shutdownEnv(delaySeconds: number, graceSeconds: number): Readonly<Record<string, string>> {
  return {
    [API_ENV.shutdownDelayMs]: String(delaySeconds * 1000),
    [API_ENV.shutdownGraceMs]: String(graceSeconds * 1000),
  };
}
