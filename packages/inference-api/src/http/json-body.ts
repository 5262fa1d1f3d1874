import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError } from '../errors.js';

/** Parses JSON bodies up to `limit` bytes; anything else gets a clear 4xx before a handler runs. */
export function jsonBody(limit: number) {
  const parse = express.json({ limit, strict: false, type: () => true });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.is('application/json')) {
      next(
        new ApiError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Type ${JSON.stringify(req.headers['content-type'] ?? '(none)')} is not JSON; send Content-Type: application/json`,
        ),
      );
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large')
        next(
          new ApiError(
            'PAYLOAD_TOO_LARGE',
            `the body is larger than ${limit} bytes; send less text or split the batch`,
            { cause: error },
          ),
        );
      else if (type === 'entity.parse.failed')
        next(
          new ApiError('INVALID_JSON', 'the request body is not valid JSON; send a JSON object like {"text": "..."}', {
            cause: error,
          }),
        );
      else if (type === 'encoding.unsupported' || type === 'charset.unsupported')
        next(new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the body as UTF-8 JSON', { cause: error }));
      else next(new ApiError('INVALID_BODY', 'the request body could not be read', { cause: error }));
    });
  };
}
