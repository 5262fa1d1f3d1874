import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ApiError } from '../errors.js';
import { sendJson } from './send-json.js';

/** Routes that answer errors in the Open Inference Protocol's own shape: {"error": "message"}. */
const isV2 = (req: Request) => req.path.startsWith('/v2/');

/** Renders every error as JSON with its status; never a stack trace. Unknown errors become 500 INTERNAL and are logged. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = error instanceof ApiError ? error : undefined;
    const apiError =
      known ?? new ApiError('INTERNAL', `internal error; it was logged with request id ${req.id}`, { cause: error });
    if (!known) logger.error({ err: error, reqId: req.id }, 'unhandled error');
    else if (apiError.status >= 500) logger.warn({ reqId: req.id, code: apiError.code }, apiError.message);
    if (res.headersSent) {
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
