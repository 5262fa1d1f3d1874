import { decideProbe, PROBE_LIMITS, type ProbeDetails } from '../../src/probes/decide-probe.js';
import type { ProbeLifecycle } from '../../src/probes/probe-state.js';

const GET = (url: string) => ({ method: 'GET', url });
const at = (heartbeatAgeMs: number, lifecycle: ProbeLifecycle = 'ready') => ({ heartbeatAgeMs, lifecycle });
const loaded: ProbeDetails = { modelVersion: 'v1' };

describe('decideProbe (the probe worker decision, fake heartbeat ages)', () => {
  it.each([
    // [what, url, heartbeat age ms, lifecycle, status, body part]
    ['a busy but running loop is alive', '/health', 1_500, 'ready', 200, { status: 'ok', heartbeat_age_ms: 1500 }],
    ['alive while loading the model', '/health', 50, 'starting', 200, { status: 'ok' }],
    ['alive while draining', '/health', 50, 'draining', 200, { status: 'ok' }],
    ['alive right at the stall limit', '/health', 10_000, 'ready', 200, { status: 'ok' }],
    ['a wedged loop fails liveness', '/health', 10_001, 'ready', 503, { status: 'stalled' }],
    ['ready with a fresh heartbeat', '/ready', 100, 'ready', 200, { status: 'ready', model_version: 'v1' }],
    ['ready ignores a query string', '/ready?verbose=1', 100, 'ready', 200, { status: 'ready' }],
    ['still ready at the busy limit', '/ready', 2_000, 'ready', 200, { status: 'ready' }],
    ['a loop too busy for 2 s leaves the endpoints', '/ready', 2_001, 'ready', 503, { status: 'not ready' }],
    ['not ready while loading', '/ready', 10, 'starting', 503, { status: 'not ready', reason: 'starting' }],
    ['not ready while draining', '/ready', 10, 'draining', 503, { status: 'not ready', reason: 'shutting down' }],
    ['draining wins over a busy loop', '/ready', 5_000, 'draining', 503, { reason: 'shutting down' }],
  ] as const)('%s: GET %s at %d ms, %s → %d', (_what, url, age, lifecycle, status, body) => {
    const answer = decideProbe(GET(url), at(age, lifecycle), lifecycle === 'ready' ? loaded : {}, PROBE_LIMITS);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject(body);
  });

  it('says why: the stall age and the limit, the loading reason from the main thread', () => {
    expect(decideProbe(GET('/health'), at(12_345.6), {}, PROBE_LIMITS).body.reason).toBe(
      'the main event loop has not run for 12346 ms (liveness limit 10000 ms)',
    );
    expect(decideProbe(GET('/ready'), at(2_500), loaded, PROBE_LIMITS).body.reason).toBe(
      'the main event loop is busy: it has not run for 2500 ms (readiness limit 2000 ms)',
    );
    const loading = { reason: 'model not loaded: LATEST is unreadable' };
    expect(decideProbe(GET('/ready'), at(10, 'starting'), loading, PROBE_LIMITS).body.reason).toBe(loading.reason);
  });

  it('follows the limits it is given', () => {
    const tight = { stallMs: 100, busyMs: 50 };
    expect(decideProbe(GET('/health'), at(101), {}, tight).status).toBe(503);
    expect(decideProbe(GET('/ready'), at(51), loaded, tight).status).toBe(503);
    expect(decideProbe(GET('/ready'), at(49), loaded, tight).status).toBe(200);
  });

  it.each([
    ['POST', '/health', 405, 'METHOD_NOT_ALLOWED'],
    ['DELETE', '/ready', 405, 'METHOD_NOT_ALLOWED'],
    ['GET', '/predict', 404, 'NOT_FOUND'],
    ['GET', '/metrics', 404, 'NOT_FOUND'],
  ])('%s %s → %d %s (the probe port is not the API)', (method, url, status, code) => {
    const answer = decideProbe({ method, url }, at(10), loaded, PROBE_LIMITS);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: { code } });
    if (status === 405) expect(answer.headers).toEqual({ Allow: 'GET, HEAD' });
  });

  it('answers HEAD like GET (the body is dropped by the server)', () => {
    expect(decideProbe({ method: 'HEAD', url: '/health' }, at(10), {}, PROBE_LIMITS).status).toBe(200);
  });
});
