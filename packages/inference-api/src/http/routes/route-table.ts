import type { AppDeps } from '../app-deps.js';
import { listEndpoints, type RouteSpec } from '../route-table.js';
import { openapiRoutes } from './openapi-routes.js';
import { predictRoutes } from './predict-routes.js';
import { serviceRoutes } from './service-routes.js';
import { v2Routes } from './v2-routes.js';

/** Every route of the API, in the order GET / lists them: the one table the router, 405/Allow and OPTIONS use. */
export function routeTable(deps: AppDeps): readonly RouteSpec[] {
  const table: RouteSpec[] = [];
  let endpoints: readonly string[] | undefined;
  const list = () => {
    endpoints ??= listEndpoints(table, { model: deps.config.modelName });
    return endpoints;
  };
  table.push(...serviceRoutes(deps, list), ...predictRoutes(deps), ...v2Routes(deps), ...openapiRoutes(deps));
  return table;
}
