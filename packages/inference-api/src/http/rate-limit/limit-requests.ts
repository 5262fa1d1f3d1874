import type { NextFunction, Request, Response } from 'express';
import type { Counter } from 'prom-client';
import { ApiError } from '../../errors.js';
import { API_KEY_ID_LOCAL } from '../auth/require-api-key.js';
import type { ConcurrencyCap } from './concurrency-cap.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { BucketLimits, TokenBuckets } from './token-buckets.js';

/** What limitRequests enforces; either part may be off. */
export interface RequestLimits {
  readonly buckets?: { readonly limits: BucketLimits; readonly perKey: TokenBuckets };
  readonly cap?: ConcurrencyCap;
  readonly limited: Counter<string>;
}

/** The bucket a request draws from: its API key's id, or its client address when auth is off. */
function bucketKey(req: Request, res: Response): string {
  const keyId = res.locals[API_KEY_ID_LOCAL] as string | undefined;
  return keyId === undefined ? `client:${req.socket.remoteAddress ?? 'unknown'}` : `key:${keyId}`;
}

/**
 * Per-key token bucket (429 RATE_LIMITED with Retry-After and RateLimit headers), then the replica's concurrency
 * cap (429 CONCURRENCY_LIMITED), each counted by reason. A slot is released when the response closes.
 */
export function limitRequests({ buckets, cap, limited }: RequestLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (buckets) {
      const decision = buckets.perKey.take(bucketKey(req, res));
      const headers = rateLimitHeaders(buckets.limits, decision);
      if (!decision.allowed) {
        limited.inc({ reason: 'rate' });
        next(
          new ApiError('RATE_LIMITED', undefined, {
            headers: { ...headers, 'Retry-After': String(decision.retryAfterSeconds) },
          }),
        );
        return;
      }
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    }
    if (cap) {
      const release = cap.acquire();
      if (!release) {
        limited.inc({ reason: 'concurrency' });
        next(
          new ApiError(
            'CONCURRENCY_LIMITED',
            `${cap.max} requests are in flight on this replica (RATE_LIMIT_CONCURRENCY); retry after the Retry-After seconds`,
          ),
        );
        return;
      }
      res.once('close', release);
    }
    next();
  };
}
