import { Router } from 'express';
import type { AppDeps } from '../app-deps.js';
import { toOpenApiDocument } from '../openapi-document.js';
import { withApiKeySecurity } from '../openapi-security.js';
import { sendJson } from '../send-json.js';

/** GET /openapi.json: the OpenAPI 3.1 description of this server, with its own limits and model name. */
export function openapiRoutes({ config }: AppDeps): Router {
  const router = Router();
  const document = withApiKeySecurity(toOpenApiDocument(config), config);
  router.get('/openapi.json', (_req, res) => {
    sendJson(res, 200, document);
  });
  return router;
}
