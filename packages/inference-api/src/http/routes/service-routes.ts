import { Router } from 'express';
import type { AppDeps } from '../app-deps.js';
import { sendJson } from '../send-json.js';

/** GET / (service info), /health (liveness), /ready (readiness), /metrics (Prometheus). */
export function serviceRoutes({ config, models, metrics, lifecycle }: AppDeps): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const model = models.current;
    sendJson(res, 200, {
      service: 'inference-api',
      tenant: config.tenant,
      model: {
        name: config.modelName,
        version: model?.version ?? null,
        pinned: config.modelVersion ?? null,
        backend: model?.backend ?? null,
        fallback_from: model?.fallbackFrom ?? null,
      },
      status: lifecycle.shuttingDown ? 'shutting-down' : model ? 'ready' : 'loading',
      endpoints: [
        'GET /health',
        'GET /ready',
        'POST /predict',
        'POST /predict/batch',
        'GET /metrics',
        'GET /v2/health/live',
        'GET /v2/health/ready',
        `GET /v2/models/${config.modelName}`,
        `GET /v2/models/${config.modelName}/ready`,
        `POST /v2/models/${config.modelName}/infer`,
      ],
    });
  });
  router.get('/health', (_req, res) => {
    sendJson(res, 200, { status: 'ok' });
  });
  router.get('/ready', (_req, res) => {
    const reason = lifecycle.shuttingDown ? 'shutting down' : models.notReadyReason;
    if (reason) sendJson(res, 503, { status: 'not ready', reason });
    else sendJson(res, 200, { status: 'ready', model_version: models.current?.version });
  });
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  return router;
}
