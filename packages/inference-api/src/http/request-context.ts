import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AppDeps } from './app-deps.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** The status label of requests that closed before a response (nginx's convention). */
const CLIENT_CLOSED = '499';

declare global {
  namespace Express {
    interface Request {
      /** The request id: the caller's X-Request-Id when sane, else a new UUID; echoed in the response. */
      id: string;
    }
  }
}

/**
 * Request id, in-flight gauge, request counter and duration histogram, one access-log line per request.
 * Every request that ends is counted once, however it ends, on the response's `close` (always emitted, after
 * `finish` when it was sent): with its status, or with 499 when it closed without a response or the client aborted
 * its request (abort, timeout, reset). One listener per request, which also ends the Lifecycle's tracking.
 */
export function requestContext({ metrics, logger, lifecycle }: Pick<AppDeps, 'metrics' | 'logger' | 'lifecycle'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const header = req.headers['x-request-id'];
    req.id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    // While draining, every response tells keep-alive clients to reconnect (to another replica).
    lifecycle.track(res);
    metrics.httpInFlight.inc();
    res.once('close', () => {
      lifecycle.untrack(res);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.writableFinished && !req.readableAborted ? String(res.statusCode) : CLIENT_CLOSED;
      const labels = { route: routeOf(req), method: req.method, status };
      metrics.httpInFlight.dec();
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, seconds);
      if (labels.route !== '/metrics' && labels.route !== '/health' && labels.route !== '/ready') {
        // One line per request only at debug: under load info would write ~7k lines/s. Errors and slow ones stand out.
        const level = res.statusCode >= 500 ? 'warn' : seconds >= SLOW_REQUEST_SECONDS ? 'info' : 'debug';
        if (level === 'debug' && !logger.isLevelEnabled('debug')) return;
        logger[level](
          {
            reqId: req.id,
            method: req.method,
            route: labels.route,
            status: Number(status),
            ms: Math.round(seconds * 1e5) / 100,
          },
          level === 'debug' ? 'request' : res.statusCode >= 500 ? 'request failed' : 'slow request',
        );
      }
    });
    next();
  };
}

/** A request at least this slow is logged at info even when per-request lines (debug) are off. */
export const SLOW_REQUEST_SECONDS = 1;

/** The matched route template (bounded label values), or "unmatched". */
function routeOf(req: Request): string {
  const path = (req.route as { path?: string } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
