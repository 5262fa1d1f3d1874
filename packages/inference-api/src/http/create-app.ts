import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ApiError } from '../errors.js';
import type { AppDeps } from './app-deps.js';
import { edgeGuard } from './edge-guard.js';
import { errorHandler } from './error-handler.js';
import { requestContext } from './request-context.js';
import { openapiRoutes } from './routes/openapi-routes.js';
import { predictRoutes } from './routes/predict-routes.js';
import { serviceRoutes } from './routes/service-routes.js';
import { v2Routes } from './routes/v2-routes.js';

/** Every route and its methods, so a known path with the wrong method gets 405 (with Allow), not 404. */
const ROUTES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/$/, 'GET, HEAD'],
  [/^\/(health|ready|metrics)$/, 'GET, HEAD'],
  [/^\/predict(\/batch)?$/, 'POST'],
  [/^\/v2\/health\/(live|ready)$/, 'GET, HEAD'],
  [/^\/v2\/models\/[^/]+(\/ready)?$/, 'GET, HEAD'],
  [/^\/v2\/models\/[^/]+\/infer$/, 'POST'],
];

/** Builds the Express app from its dependencies. It never listens: the server entry does. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestContext(deps));
  // OPTIONS answered here (204 + Allow) rather than by the router, whose answer leaves a body unread.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'OPTIONS') return next();
    const allow = ROUTES.find(([pattern]) => pattern.test(req.path))?.[1];
    if (!allow) return next();
    res.setHeader('Allow', `${allow}, OPTIONS`);
    if (!req.complete) res.setHeader('Connection', 'close');
    res.status(204).end();
  });
  // API keys and rate limits before every route but the probes and /metrics (docs/api.md, Authentication).
  app.use(edgeGuard(deps));
  app.use(serviceRoutes(deps));
  app.use(predictRoutes(deps));
  app.use(v2Routes(deps));
  app.use(openapiRoutes(deps));
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const allow = ROUTES.find(([pattern]) => pattern.test(req.path))?.[1];
    next(
      allow
        ? new ApiError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}; use ${allow}`, {
            headers: { Allow: allow },
          })
        : new ApiError('NOT_FOUND', `no route ${req.method} ${req.path}; see GET / for the endpoints`),
    );
  });
  app.use(errorHandler(deps.logger));
  return app;
}
