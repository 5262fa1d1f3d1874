import type { NextFunction, Request, Response } from 'express';
import type { Counter } from 'prom-client';
import { ApiError, type ApiErrorCode } from '../../errors.js';
import type { ApiKeyStore } from './api-key-store.js';
import { type AuthFailureReason, checkBearer } from './check-bearer.js';

const CODES: Readonly<Record<AuthFailureReason, ApiErrorCode>> = {
  missing: 'AUTH_MISSING',
  malformed: 'AUTH_MALFORMED',
  unknown: 'AUTH_UNKNOWN_KEY',
  wrong_tenant: 'AUTH_WRONG_TENANT',
};

/** The id of the key that authenticated the request (res.locals), for the per-key rate limit. */
export const API_KEY_ID_LOCAL = 'apiKeyId';

/**
 * Refuses a request without a valid `Authorization: Bearer <key>` of this tenant: 401 with
 * `WWW-Authenticate: Bearer realm="<tenant>"` (RFC 6750; plus error="invalid_token" when a key was sent).
 * Counts each refusal by reason; neither the key nor its digest reaches a message, a log line or a label.
 */
export function requireApiKey(tenant: string, store: ApiKeyStore, failures: Counter<string>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const check = checkBearer(req.headers.authorization, tenant, store);
    if (check.ok) {
      res.locals[API_KEY_ID_LOCAL] = check.keyId;
      next();
      return;
    }
    failures.inc({ reason: check.reason });
    const realm = `Bearer realm="${tenant}"`;
    const detail =
      check.reason === 'wrong_tenant'
        ? `the API key is for tenant "${check.keyTenant}", this endpoint is tenant "${tenant}"; use a key issued for "${tenant}"`
        : undefined;
    next(
      new ApiError(CODES[check.reason], detail, {
        headers: {
          'WWW-Authenticate': check.reason === 'missing' ? realm : `${realm}, error="invalid_token"`,
        },
      }),
    );
  };
}
