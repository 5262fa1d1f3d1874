import { monitorEventLoopDelay } from 'node:perf_hooks';
import { METRICS, type MetricDefinition, type ScoringRuntime, TENANT_LABEL } from '@mlops/shared';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The API's metrics, all in one per-app Registry (never prom-client's global one). */
export interface ApiMetrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<string>;
  readonly httpDuration: Histogram<string>;
  readonly httpInFlight: Gauge<string>;
  readonly predictions: Counter<string>;
  readonly batchSize: Histogram<string>;
  readonly modelLoadDuration: Histogram<string>;
  readonly modelInfo: Gauge<string>;
  readonly modelReady: Gauge<string>;
  readonly modelReloads: Counter<string>;
  readonly modelRejections: Counter<string>;
  readonly modelFallbacks: Counter<string>;
  readonly storeErrors: Counter<string>;
  readonly requestsShed: Counter<string>;
  readonly queueDepth: Gauge<string>;
  readonly queueWait: Histogram<string>;
}

const opts = (def: MetricDefinition, registry: Registry) => ({
  name: def.name,
  help: def.help,
  labelNames: [...def.labels],
  registers: [registry],
});

/** Creates the registry and every metric from the shared definitions; tensor gauges read the runtime on scrape. */
export function createMetrics(tenant: string, runtime: Pick<ScoringRuntime, 'memory'>): ApiMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ [TENANT_LABEL]: tenant });
  // No prefix: process_* and nodejs_* keep their standard names, so stock Node.js dashboards and promtool work.
  collectDefaultMetrics({ register: registry });
  // prom-client names these gauges *_total, which promtool's linter (and the naming conventions) reject.
  for (const gauge of ['handles', 'requests', 'resources']) registry.removeSingleMetric(`nodejs_active_${gauge}_total`);
  new Gauge({
    ...opts(METRICS.tensors, registry),
    collect() {
      this.set(runtime.memory().numTensors);
    },
  });
  new Gauge({
    ...opts(METRICS.tensorBytes, registry),
    collect() {
      this.set(runtime.memory().numBytes);
    },
  });
  // p99 of the event loop's delay since the previous scrape: what a probe waiting for the loop would see.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  new Gauge({
    ...opts(METRICS.eventLoopLag, registry),
    collect() {
      this.set(loopDelay.count > 0 ? loopDelay.percentile(99) / 1e9 : 0);
      loopDelay.reset();
    },
  });
  return {
    registry,
    httpRequests: new Counter(opts(METRICS.httpRequests, registry)),
    httpDuration: new Histogram({
      ...opts(METRICS.httpDuration, registry),
      buckets: [...METRICS.httpDuration.buckets],
    }),
    httpInFlight: new Gauge(opts(METRICS.httpInFlight, registry)),
    predictions: new Counter(opts(METRICS.predictions, registry)),
    batchSize: new Histogram({ ...opts(METRICS.batchSize, registry), buckets: [...METRICS.batchSize.buckets] }),
    modelLoadDuration: new Histogram({
      ...opts(METRICS.modelLoadDuration, registry),
      buckets: [...METRICS.modelLoadDuration.buckets],
    }),
    modelInfo: new Gauge(opts(METRICS.modelInfo, registry)),
    modelReady: new Gauge(opts(METRICS.modelReady, registry)),
    modelReloads: new Counter(opts(METRICS.modelReloads, registry)),
    modelRejections: new Counter(opts(METRICS.modelRejections, registry)),
    modelFallbacks: new Counter(opts(METRICS.modelFallbacks, registry)),
    storeErrors: new Counter(opts(METRICS.storeErrors, registry)),
    requestsShed: new Counter(opts(METRICS.requestsShed, registry)),
    queueDepth: new Gauge(opts(METRICS.queueDepth, registry)),
    queueWait: new Histogram({ ...opts(METRICS.queueWait, registry), buckets: [...METRICS.queueWait.buckets] }),
  };
}
