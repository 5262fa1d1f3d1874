import type { AppDeps } from '../app-deps.js';
import type { RouteSpec } from '../route-table.js';
import { sendJson } from '../send-json.js';

/** GET / (service info and the endpoint list), /health (liveness), /ready (readiness), /metrics (Prometheus). */
export function serviceRoutes(
  { config, models, metrics, lifecycle }: AppDeps,
  endpoints: () => readonly string[],
): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/',
      summary: 'service, tenant, model and endpoints',
      handlers: [
        (_req, res) => {
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
              labels: model?.labels ?? null,
            },
            status: lifecycle.shuttingDown ? 'shutting-down' : model ? 'ready' : 'loading',
            endpoints: endpoints(),
          });
        },
      ],
    },
    {
      method: 'GET',
      path: '/health',
      summary: 'liveness',
      handlers: [(_req, res) => sendJson(res, 200, { status: 'ok' })],
    },
    {
      method: 'GET',
      path: '/ready',
      summary: 'readiness: 200 with a model loaded, else 503',
      handlers: [
        (_req, res) => {
          const reason = lifecycle.shuttingDown ? 'shutting down' : models.notReadyReason;
          if (reason) sendJson(res, 503, { status: 'not ready', reason });
          else sendJson(res, 200, { status: 'ready', model_version: models.current?.version });
        },
      ],
    },
    {
      method: 'GET',
      path: '/metrics',
      summary: 'Prometheus metrics',
      handlers: [
        async (_req, res) => {
          res.setHeader('Content-Type', metrics.registry.contentType);
          res.send(await metrics.registry.metrics());
        },
      ],
    },
  ];
}
