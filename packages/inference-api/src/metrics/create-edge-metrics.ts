import { METRICS } from '@mlops/shared';
import { Counter, type Registry } from 'prom-client';
import { AUTH_FAILURE_REASONS } from '../http/auth/check-bearer.js';

/** The edge's counters: auth refusals and rate-limit refusals, by reason. */
export interface EdgeMetrics {
  readonly authFailures: Counter<string>;
  readonly rateLimited: Counter<string>;
}

/** Why the rate limiter refused a request: the label values of the rate-limited counter. */
export const RATE_LIMIT_REASONS = ['rate', 'concurrency'] as const;

/** Registers the edge counters in the app's Registry, every reason at 0 so rate() over them has a series. */
export function createEdgeMetrics(registry: Registry): EdgeMetrics {
  const counter = (def: typeof METRICS.authFailures | typeof METRICS.rateLimited, reasons: readonly string[]) => {
    const c = new Counter({ name: def.name, help: def.help, labelNames: [...def.labels], registers: [registry] });
    for (const reason of reasons) c.inc({ reason }, 0);
    return c;
  };
  return {
    authFailures: counter(METRICS.authFailures, AUTH_FAILURE_REASONS),
    rateLimited: counter(METRICS.rateLimited, RATE_LIMIT_REASONS),
  };
}
