import type { CheckResult } from '../../process/check-result.js';
import type { TenantEdge } from './edge-plan.js';
import { retryUntil } from './smoke-keys.js';
import { type GatewayTarget, type TlsAnswer, tlsPost } from './tls-call.js';

/** How long a new key may take to work everywhere (kubelet's Secret sync, then the API's poll). */
export const KEY_PROPAGATION_MS = 150_000;
const TEXT = { text: 'A wonderful, moving film.' };
const codeOf = (a: TlsAnswer) => (a.body as { error?: { code?: string } } | undefined)?.error?.code;
const show = (a: TlsAnswer) => `HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 120)}`;

/**
 * One tenant through the gateway over TLS, by its hostname: its own key 200, another tenant's key 401, no key 401,
 * and, with a per-key limit, a burst of its own key until a 429 with Retry-After.
 */
export async function checkTenantViaGateway(
  target: GatewayTarget,
  edge: TenantEdge,
  ownKey: string,
  otherKey: string | undefined,
  propagationMs = KEY_PROPAGATION_MS,
): Promise<CheckResult[]> {
  const { tenant, hostname } = edge;
  if (!hostname)
    return [
      {
        name: `${tenant}: routed by the gateway`,
        ok: false,
        detail: 'no HTTPRoute or Ingress for it in dist/; is routing on for this profile?',
      },
    ];
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });
  const url = `https://${hostname}/predict`;
  const own = await retryUntil(
    () => tlsPost(target, hostname, '/predict', TEXT, auth(ownKey)),
    (a) => a.status === 200,
    propagationMs,
  );
  const results: CheckResult[] = [
    {
      name: `${tenant}: POST ${url} over TLS with its own key -> 200`,
      ok: own.status === 200 && (own.body as { tenant?: string }).tenant === tenant,
      detail: show(own),
    },
  ];
  const none = await tlsPost(target, hostname, '/predict', TEXT);
  results.push({
    name: `${tenant}: without a key -> 401`,
    ok: none.status === 401 && /^Bearer realm=/.test(none.headers['www-authenticate'] ?? ''),
    detail: `${show(none)} WWW-Authenticate: ${none.headers['www-authenticate'] ?? '-'}`,
  });
  if (otherKey) {
    const other = await tlsPost(target, hostname, '/predict', TEXT, auth(otherKey));
    results.push({
      name: `${tenant}: with another tenant's key -> 401`,
      ok: other.status === 401 && codeOf(other) === 'AUTH_WRONG_TENANT',
      detail: show(other),
    });
  }
  if (edge.burst > 0) {
    // Each replica has its own buckets: send bursts until one replica refuses, at most 20 rounds.
    let limited: TlsAnswer | undefined;
    for (let round = 0; round < 20 && !limited; round++) {
      const answers = await Promise.all(
        Array.from({ length: edge.burst + 5 }, () => tlsPost(target, hostname, '/predict', TEXT, auth(ownKey))),
      );
      limited = answers.find(
        (a) => a.status === 429 && (codeOf(a) === 'RATE_LIMITED' || codeOf(a) === 'CONCURRENCY_LIMITED'),
      );
    }
    results.push({
      name: `${tenant}: over its limit -> 429 with Retry-After`,
      ok: limited !== undefined && Number(limited.headers['retry-after']) >= 1,
      detail: limited
        ? `${show(limited)} Retry-After: ${limited.headers['retry-after']} RateLimit: ${limited.headers.ratelimit ?? '-'}`
        : 'no 429 in 20 bursts',
    });
  }
  return results;
}
