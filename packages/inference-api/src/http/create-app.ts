import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ApiError } from '../errors.js';
import type { AppDeps } from './app-deps.js';
import { edgeGuard } from './edge-guard.js';
import { errorHandler } from './error-handler.js';
import { requestContext } from './request-context.js';
import { compileRoutes } from './route-table.js';
import { routeTable } from './routes/route-table.js';
import { runHandlers } from './run-handlers.js';

/**
 * Builds the Express app from its dependencies. It never listens: the server entry does. The route table is the
 * one list of routes: the dispatcher, 405 with Allow for a known path and the wrong method, and OPTIONS derive from it.
 */
export function createApp(deps: AppDeps): Express {
  const routes = compileRoutes(routeTable(deps));
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // One layer of Express's router for the whole pipeline (runHandlers): each layer it walks costs allocations on
  // every request (docs/benchmarks.md, "Cold start without V8 flags, the compile cache, and the router").
  const pipeline: RequestHandler[] = [
    requestContext(deps),
    // OPTIONS answered here (204 + Allow) rather than by the router, whose answer leaves a body unread.
    (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'OPTIONS') return next();
      const allow = routes.allowOf(req.path);
      if (!allow) return next();
      res.setHeader('Allow', `${allow}, OPTIONS`);
      if (!req.complete) res.setHeader('Connection', 'close');
      res.status(204).end();
    },
    // API keys and rate limits before every route but the probes and /metrics (docs/api.md, Authentication).
    edgeGuard(deps),
    routes.dispatch,
    (req: Request, _res: Response, next: NextFunction) => {
      const allow = routes.allowOf(req.path);
      next(
        allow
          ? new ApiError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}; use ${allow}`, {
              headers: { Allow: allow },
            })
          : new ApiError('NOT_FOUND', `no route ${req.method} ${req.path}; see GET / for the endpoints`),
      );
    },
  ];
  app.use((req: Request, res: Response, next: NextFunction) => runHandlers(pipeline, req, res, next));
  app.use(errorHandler(deps.logger));
  return app;
}
