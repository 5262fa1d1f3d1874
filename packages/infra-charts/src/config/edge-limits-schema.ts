import { z } from 'zod';

/** `required`: every prediction needs a tenant API key (Bearer); `off` only for local demos. */
export const AUTH_MODES = ['required', 'off'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

const positive = (what: string, example: number) =>
  z
    .number({ error: `must be a number of ${what}` })
    .int({ error: `must be a whole number of ${what}` })
    .positive({
      error: `must be greater than zero (${what}); a limit of 0 would refuse every request. Set e.g. ${example}, or raise it instead of switching it off`,
    })
    .max(1_000_000, { error: `must be at most 1000000 ${what}` });

/** Per-key token bucket and per-replica concurrency, enforced by the API itself (docs/api.md#rate-limits). */
export const rateLimitsSchema = z.strictObject({
  /** Token bucket refill per API key. @default 100 */
  requestsPerSecond: positive('requests per second', 100).default(100),
  /** Token bucket size per API key: requests a key may send at once after idling. @default 200 */
  burst: positive('requests', 200).default(200),
  /** Requests in flight at once per API replica, for the whole tenant. @default 64 */
  concurrency: positive('requests in flight', 64).default(64),
});

/** A tenant's overrides of the profile's limits: only the fields it names. */
export const tenantRateLimitsSchema = z.strictObject({
  /** @default - the profile's rateLimits.requestsPerSecond */
  requestsPerSecond: positive('requests per second', 100).optional(),
  /** @default - the profile's rateLimits.burst */
  burst: positive('requests', 200).optional(),
  /** @default - the profile's rateLimits.concurrency */
  concurrency: positive('requests in flight', 64).optional(),
});

export const authModeSchema = z.enum(AUTH_MODES, { error: `must be one of ${AUTH_MODES.join(', ')}` });

export type RateLimits = z.output<typeof rateLimitsSchema>;
