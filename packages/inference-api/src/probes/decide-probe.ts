import type { ProbeSnapshot } from './probe-state.js';

/** How stale the heartbeat may be: liveness fails only on a wedged loop, readiness already on a very busy one. */
export interface ProbeLimits {
  /** /health answers 503 once the main loop has not run for this long (kubelet then restarts the container). */
  readonly stallMs: number;
  /** /ready answers 503 once the main loop has not run for this long (the pod briefly leaves the endpoints). */
  readonly busyMs: number;
}

/** The defaults: a loop stuck for 10 s is wedged; one that has not run for 2 s is too busy to take more traffic. */
export const PROBE_LIMITS: ProbeLimits = { stallMs: 10_000, busyMs: 2_000 };

/** What the main thread last told the worker about the model (sent on change; only used in response bodies). */
export interface ProbeDetails {
  readonly modelVersion?: string;
  /** Why the API is not ready yet, as the main port's /ready says it. */
  readonly reason?: string;
}

/** A probe answer: status, JSON body and extra headers. */
export interface ProbeAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Decides the probe port's answer from the shared state; pure, and self-contained (no outer names) because the
 * worker evaluates its source. Bodies follow the main port's /health and /ready, plus heartbeat_age_ms.
 */
export function decideProbe(
  request: { readonly method: string; readonly url: string },
  snapshot: ProbeSnapshot,
  details: ProbeDetails,
  limits: ProbeLimits,
): ProbeAnswer {
  const path = request.url.split('?')[0];
  const age = Math.round(snapshot.heartbeatAgeMs);
  if (path !== '/health' && path !== '/ready')
    return {
      status: 404,
      body: {
        error: {
          code: 'NOT_FOUND',
          message: `the probe port answers GET /health and GET /ready only, not ${path}; the API itself is on PORT`,
        },
      },
    };
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return {
      status: 405,
      body: { error: { code: 'METHOD_NOT_ALLOWED', message: `${path} on the probe port accepts GET and HEAD only` } },
      headers: { Allow: 'GET, HEAD' },
    };
  if (path === '/health') {
    if (snapshot.heartbeatAgeMs <= limits.stallMs)
      return { status: 200, body: { status: 'ok', heartbeat_age_ms: age } };
    return {
      status: 503,
      body: {
        status: 'stalled',
        reason: `the main event loop has not run for ${age} ms (liveness limit ${limits.stallMs} ms)`,
        heartbeat_age_ms: age,
      },
    };
  }
  const notReady = (reason: string) => ({
    status: 503,
    body: { status: 'not ready', reason, heartbeat_age_ms: age },
  });
  if (snapshot.lifecycle === 'draining') return notReady('shutting down');
  if (snapshot.lifecycle === 'starting') return notReady(details.reason ?? 'starting');
  if (snapshot.heartbeatAgeMs > limits.busyMs)
    return notReady(`the main event loop is busy: it has not run for ${age} ms (readiness limit ${limits.busyMs} ms)`);
  return { status: 200, body: { status: 'ready', model_version: details.modelVersion, heartbeat_age_ms: age } };
}
