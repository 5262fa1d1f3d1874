import type { AppDeps } from '../app-deps.js';
import { toOpenApiDocument } from '../openapi-document.js';
import { withApiKeySecurity } from '../openapi-security.js';
import type { RouteSpec } from '../route-table.js';
import { sendJson } from '../send-json.js';

/** GET /openapi.json: the OpenAPI 3.1 description of this server, with its own limits and model name. */
export function openapiRoutes({ config }: AppDeps): RouteSpec[] {
  const document = withApiKeySecurity(toOpenApiDocument(config), config);
  return [
    {
      method: 'GET',
      path: '/openapi.json',
      summary: 'the OpenAPI 3.1 description of this server',
      handlers: [(_req, res) => sendJson(res, 200, document)],
    },
  ];
}
