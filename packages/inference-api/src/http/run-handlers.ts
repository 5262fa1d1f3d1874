import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs a chain of Express handlers as a router's route does, without the router's per-request layer walk: each
 * handler gets a `next` that calls the following one; an error (thrown, passed to `next`, or a rejected promise, as
 * Express 5 handles async handlers) skips the rest and goes to `done`, as does the end of the chain.
 */
export function runHandlers(
  handlers: readonly RequestHandler[],
  req: Request,
  res: Response,
  done: NextFunction,
): void {
  let index = 0;
  const next = (error?: unknown): void => {
    if (error !== undefined && error !== null && error !== 'route') {
      done(error);
      return;
    }
    const handler = error === 'route' ? undefined : handlers[index++];
    if (handler === undefined) {
      done();
      return;
    }
    try {
      const result: unknown = handler(req, res, next);
      if (result instanceof Promise)
        result.then(undefined, (reason: unknown) => next(reason ?? new Error('a route handler rejected with nothing')));
    } catch (thrown) {
      next(thrown);
    }
  };
  next();
}
