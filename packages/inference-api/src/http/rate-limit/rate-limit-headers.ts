import type { BucketDecision, BucketLimits } from './token-buckets.js';

/** The quota policy's name in the headers. */
export const RATE_LIMIT_POLICY = 'per-key';

/**
 * `RateLimit-Policy` and `RateLimit` as draft-ietf-httpapi-ratelimit-headers-09 (March 2025) defines them: the
 * policy's quota q=burst over window w=seconds to refill the burst; r=tokens left, t=seconds until the bucket is full.
 */
export function rateLimitHeaders(limits: BucketLimits, decision: BucketDecision): Record<string, string> {
  const window = Math.max(1, Math.ceil(limits.burst / limits.rps));
  return {
    'RateLimit-Policy': `"${RATE_LIMIT_POLICY}";q=${limits.burst};w=${window}`,
    RateLimit: `"${RATE_LIMIT_POLICY}";r=${decision.remaining};t=${decision.resetSeconds}`,
  };
}
