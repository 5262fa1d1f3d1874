/** Milliseconds now; injectable so tests drive time. */
export type Clock = () => number;

/** Token bucket settings: `rps` tokens per second refill a bucket of `burst` tokens. */
export interface BucketLimits {
  readonly rps: number;
  readonly burst: number;
  /** Buckets kept at most; the least recently used one is dropped first. @default 10000 */
  readonly maxKeys?: number;
}

/** The answer for one request: allowed or not, and what the RateLimit headers report. */
export interface BucketDecision {
  readonly allowed: boolean;
  /** Whole tokens left after this request. */
  readonly remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  readonly retryAfterSeconds: number;
  /** Seconds until the bucket is full again. */
  readonly resetSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per key, in a Map capped at `maxKeys` (least recently used evicted: an evicted key comes back
 * with a full bucket, which only ever errs on the side of the client). Memory is O(maxKeys) whatever the traffic.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(
    private readonly limits: BucketLimits,
    private readonly clock: Clock = Date.now,
  ) {
    if (!(limits.rps > 0) || !(limits.burst >= 1))
      throw new RangeError(`token bucket needs rps > 0 and burst >= 1, got rps=${limits.rps} burst=${limits.burst}`);
    this.maxKeys = limits.maxKeys ?? 10_000;
  }

  /** Buckets held now (bounded by maxKeys). */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token from `key`'s bucket if it has one. */
  take(key: string): BucketDecision {
    const { rps, burst } = this.limits;
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * rps);
    bucket.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return {
      allowed,
      remaining: Math.floor(bucket.tokens),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / rps)),
      resetSeconds: Math.ceil((burst - bucket.tokens) / rps),
    };
  }
}
