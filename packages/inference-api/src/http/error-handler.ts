import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ApiError, type ApiErrorCode } from '../errors.js';
import { sendJson } from './send-json.js';

/** Routes that answer errors in the Open Inference Protocol's own shape: {"error": "message"}. */
const isV2 = (req: Request) => req.path.startsWith('/v2/');

/** Catalogue codes for the 4xx statuses that Express, its router and body parsers attach to their errors. */
const BY_STATUS: Readonly<Record<number, ApiErrorCode>> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Maps a framework error carrying a 4xx status (e.g. the router's URIError on bad percent-encoding) to the catalogue. */
function fromFramework(error: unknown, req: Request): ApiError | undefined {
  const e = error as { status?: unknown; statusCode?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : e?.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const path = JSON.stringify(req.originalUrl.slice(0, 200));
  if (error instanceof URIError)
    return new ApiError('INVALID_URL', `the URL ${path} has malformed percent-encoding; encode "%" as %25`, {
      cause: error,
    });
  const code = BY_STATUS[status] ?? 'BAD_REQUEST';
  return new ApiError(code, `${req.method} ${path}: ${code.toLowerCase().replaceAll('_', ' ')}`, { cause: error });
}

/** Renders every error as JSON with its status; never a stack trace. Unknown errors become 500 INTERNAL and are logged. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = error instanceof ApiError ? error : fromFramework(error, req);
    const apiError =
      known ?? new ApiError('INTERNAL', `internal error; it was logged with request id ${req.id}`, { cause: error });
    if (!known) logger.error({ err: error, reqId: req.id }, 'unhandled error');
    else if (apiError.status >= 500) logger.warn({ reqId: req.id, code: apiError.code }, apiError.message);
    if (res.headersSent || res.destroyed) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(apiError.headers)) res.setHeader(name, value);
    sendJson(
      res,
      apiError.status,
      isV2(req) ? { error: apiError.message } : { error: { code: apiError.code, message: apiError.message } },
    );
  };
}
