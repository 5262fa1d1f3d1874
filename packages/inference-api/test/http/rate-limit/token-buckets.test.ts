import { ConcurrencyCap } from '../../../src/http/rate-limit/concurrency-cap.js';
import { rateLimitHeaders } from '../../../src/http/rate-limit/rate-limit-headers.js';
import { TokenBuckets } from '../../../src/http/rate-limit/token-buckets.js';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBuckets (fake clock)', () => {
  it('admits a burst, then refuses with Retry-After until a token refills', () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ rps: 2, burst: 3 }, clock.now);
    expect([1, 2, 3].map(() => buckets.take('k').allowed)).toEqual([true, true, true]);
    const refused = buckets.take('k');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    clock.advance(499);
    expect(buckets.take('k').allowed).toBe(false);
    clock.advance(1); // 500 ms at 2/s: one token
    expect(buckets.take('k')).toMatchObject({ allowed: true, remaining: 0 });
    clock.advance(10_000); // refills to the burst, never beyond
    expect(buckets.take('k')).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 1 });
  });

  it('keeps keys apart: one key exhausted, another still has its burst', () => {
    const buckets = new TokenBuckets({ rps: 1, burst: 1 }, fakeClock().now);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('reports a wait of several seconds when the refill is slow', () => {
    const buckets = new TokenBuckets({ rps: 0.25, burst: 1 }, fakeClock().now);
    buckets.take('k');
    expect(buckets.take('k').retryAfterSeconds).toBe(4);
  });

  it('holds at most maxKeys buckets, evicting the least recently used', () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ rps: 1, burst: 1, maxKeys: 100 }, clock.now);
    buckets.take('hot');
    for (let i = 0; i < 1000; i += 1) {
      buckets.take(`client-${i}`);
      if (i % 50 === 0) buckets.take('hot');
    }
    expect(buckets.size).toBe(100);
    expect(buckets.take('hot').allowed).toBe(false); // still tracked: used recently, so not evicted
  });

  it.each([
    [0, 1],
    [-1, 5],
    [5, 0],
  ])('refuses rps=%d burst=%d', (rps, burst) => {
    expect(() => new TokenBuckets({ rps, burst })).toThrow(RangeError);
  });
});

describe('rateLimitHeaders (draft-ietf-httpapi-ratelimit-headers-09)', () => {
  it('states the policy and what is left', () => {
    expect(
      rateLimitHeaders({ rps: 5, burst: 10 }, { allowed: true, remaining: 7, retryAfterSeconds: 0, resetSeconds: 1 }),
    ).toEqual({ 'RateLimit-Policy': '"per-key";q=10;w=2', RateLimit: '"per-key";r=7;t=1' });
  });
});

describe('ConcurrencyCap', () => {
  it('admits up to max at once; a release (once, however often called) frees a slot', () => {
    const cap = new ConcurrencyCap(2);
    const first = cap.acquire();
    const second = cap.acquire();
    expect(cap.acquire()).toBeUndefined();
    first?.();
    first?.();
    expect(cap.current).toBe(1);
    expect(cap.acquire()).toBeDefined();
    expect(cap.acquire()).toBeUndefined();
    second?.();
    expect(cap.current).toBe(1);
  });
});
