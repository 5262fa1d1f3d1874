/**
 * The one definition of the inference API's metrics. The API registers them from here, and the
 * monitoring rules and dashboards refer to them from here, so a rename cannot silently break an alert.
 */
export interface MetricDefinition {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly labels: readonly string[];
  readonly buckets?: readonly number[];
}

export const METRICS = {
  httpRequests: {
    name: 'mlops_http_requests_total',
    help: 'HTTP requests served, by route template, method and status code.',
    type: 'counter',
    labels: ['route', 'method', 'status'],
  },
  httpDuration: {
    name: 'mlops_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by route template, method and status code.',
    type: 'histogram',
    labels: ['route', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  },
  httpInFlight: {
    name: 'mlops_http_requests_in_flight',
    help: 'HTTP requests being served now.',
    type: 'gauge',
    labels: [],
  },
  predictions: {
    name: 'mlops_predictions_total',
    help: 'Texts classified, by predicted label.',
    type: 'counter',
    labels: ['label'],
  },
  batchSize: {
    name: 'mlops_model_batch_size',
    help: 'Texts per model call (micro-batches and batch requests).',
    type: 'histogram',
    labels: [],
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  },
  modelLoadDuration: {
    name: 'mlops_model_load_duration_seconds',
    help: 'Time to fetch, verify and load a model version.',
    type: 'histogram',
    labels: ['result'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  },
  modelInfo: {
    name: 'mlops_model_info',
    help: 'The model version being served (value 1).',
    type: 'gauge',
    labels: ['model', 'version', 'backend'],
  },
  modelReady: {
    name: 'mlops_model_ready',
    help: '1 when a model is loaded and the service accepts traffic.',
    type: 'gauge',
    labels: [],
  },
  modelReloads: {
    name: 'mlops_model_reloads_total',
    help: 'Model version changes tried, by result (success, failure).',
    type: 'counter',
    labels: ['result'],
  },
  modelRejections: {
    name: 'mlops_model_rejections_total',
    help: 'Candidate model versions refused before serving, by reason (load, validation, checksum, format).',
    type: 'counter',
    labels: ['reason'],
  },
  modelFallbacks: {
    name: 'mlops_model_fallbacks_total',
    help: 'Times the API served an older version because the latest one could not be loaded or validated.',
    type: 'counter',
    labels: [],
  },
  storeErrors: {
    name: 'mlops_model_store_errors_total',
    help: 'Failed reads of the model store, by operation (latest, list, read).',
    type: 'counter',
    labels: ['operation'],
  },
  requestsShed: {
    name: 'mlops_http_requests_shed_total',
    help: 'Requests refused with 429/503 to protect latency, by reason (queue_full, overloaded, connections).',
    type: 'counter',
    labels: ['reason'],
  },
  authFailures: {
    name: 'mlops_http_auth_failures_total',
    help: 'Requests refused with 401, by reason (missing, malformed, unknown, wrong_tenant).',
    type: 'counter',
    labels: ['reason'],
  },
  rateLimited: {
    name: 'mlops_http_requests_rate_limited_total',
    help: 'Requests refused with 429 by the per-key token bucket or the concurrency cap, by reason (rate, concurrency).',
    type: 'counter',
    labels: ['reason'],
  },
  queueDepth: {
    name: 'mlops_model_queue_depth',
    help: 'Texts waiting for a model call (micro-batch queue and batches in flight).',
    type: 'gauge',
    labels: [],
  },
  queueWait: {
    name: 'mlops_model_queue_wait_seconds',
    help: 'How long queued work waited before its scoring began (its sojourn), in seconds; drives overload shedding.',
    type: 'histogram',
    labels: [],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  },
  eventLoopLag: {
    name: 'mlops_event_loop_lag_seconds',
    help: 'Recent event-loop delay (p99 over the last interval), in seconds.',
    type: 'gauge',
    labels: [],
  },
  tensors: {
    name: 'mlops_tfjs_tensors',
    help: 'Live TensorFlow.js tensors; constant under steady load.',
    type: 'gauge',
    labels: [],
  },
  tensorBytes: {
    name: 'mlops_tfjs_bytes',
    help: 'Bytes held by live TensorFlow.js tensors.',
    type: 'gauge',
    labels: [],
  },
} as const satisfies Record<string, MetricDefinition>;

/** Label Prometheus and the API put on every series to tell tenants apart. */
export const TENANT_LABEL = 'tenant';

/** Every metric name the API exposes, for checks that rules and dashboards refer only to real metrics. */
export function exposedMetricNames(): string[] {
  return Object.values(METRICS).flatMap((m: MetricDefinition) =>
    m.type === 'histogram' ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name],
  );
}
