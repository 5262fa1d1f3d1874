import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError } from '../errors.js';

/** `application/json`, optionally with `charset=utf-8` and nothing else: the body every client sends. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const BOM = 0xfeff;

/**
 * Parses JSON bodies up to `limit` bytes; anything else gets a clear 4xx before a handler runs. The common body
 * (plain UTF-8 JSON, not compressed, with a Content-Length within the limit) is read here directly; everything
 * else (chunked, compressed, another charset, too large) goes through Express's body-parser, which keeps its
 * answers for those. Both give the same `req.body`: an empty body is `{}`, a UTF-8 BOM is dropped.
 */
export function jsonBody(limit: number) {
  const parse = express.json({ limit, strict: false, type: () => true });
  return (req: Request, res: Response, next: NextFunction): void => {
    const length = Number(req.headers['content-length']);
    const encoding = req.headers['content-encoding'];
    if (
      length <= limit &&
      PLAIN_JSON.test(req.headers['content-type'] ?? '') &&
      (encoding === undefined || encoding.toLowerCase() === 'identity')
    ) {
      readPlainJson(req, next);
      return;
    }
    if (!req.is('application/json')) {
      next(
        new ApiError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Type ${JSON.stringify(req.headers['content-type'] ?? '(none)')} is not JSON; send Content-Type: application/json`,
        ),
      );
      return;
    }
    parse(req, res, (error?: unknown) => next(error ? toBodyError(error, limit) : undefined));
  };
}

/** Reads a Content-Length body into `req.body` (Node's parser stops at that length). */
function readPlainJson(req: Request, next: NextFunction): void {
  const chunks: Buffer[] = [];
  let settled = false;
  const settle = (error?: ApiError) => {
    if (settled) return;
    settled = true;
    next(error);
  };
  const onData = (chunk: Buffer) => chunks.push(chunk);
  const onEnd = () => {
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === BOM) text = text.slice(1);
    if (text.length === 0) {
      req.body = {};
      return settle();
    }
    try {
      req.body = JSON.parse(text);
    } catch (error) {
      return settle(invalidJson(error));
    }
    settle();
  };
  const onError = (error: Error) =>
    settle(new ApiError('INVALID_BODY', 'the request body could not be read', { cause: error }));
  req.on('data', onData).on('end', onEnd).on('error', onError);
}

function invalidJson(cause: unknown): ApiError {
  return new ApiError('INVALID_JSON', 'the request body is not valid JSON; send a JSON object like {"text": "..."}', {
    cause,
  });
}

/** body-parser's error, as the catalogue's 4xx. */
function toBodyError(error: unknown, limit: number): ApiError {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large')
    return new ApiError(
      'PAYLOAD_TOO_LARGE',
      `the body is larger than ${limit} bytes; send less text or split the batch`,
      {
        cause: error,
      },
    );
  if (type === 'entity.parse.failed') return invalidJson(error);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the body as UTF-8 JSON', { cause: error });
  return new ApiError('INVALID_BODY', 'the request body could not be read', { cause: error });
}
