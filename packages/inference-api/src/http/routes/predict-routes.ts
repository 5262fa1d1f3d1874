import type { AppDeps } from '../app-deps.js';
import { jsonBody } from '../json-body.js';
import { requestSignal } from '../request-signal.js';
import { requireObject } from '../require-object.js';
import type { RouteSpec } from '../route-table.js';
import { sendJson } from '../send-json.js';

/** The reference API's answer for one text, plus the model version: {text, prediction, confidence, tenant, model_version}. */
export interface PredictionBody {
  readonly text: string;
  readonly prediction: string;
  readonly confidence: number;
  readonly tenant: string;
  readonly model_version: string;
}

/** POST /predict {"text"} (reference-compatible) and POST /predict/batch {"texts": [...]}: adapters of the Predictor. */
export function predictRoutes({ config, predictor }: AppDeps): RouteSpec[] {
  const json = jsonBody(config.bodyLimitBytes);
  const toBody =
    (version: string) =>
    (p: { text: string; label: string; confidence: number }): PredictionBody => ({
      text: p.text,
      prediction: p.label,
      confidence: p.confidence,
      tenant: config.tenant,
      model_version: version,
    });
  // Requests that reached a handler are in flight and are served even while draining for shutdown:
  // readiness (503) and the closed listener keep new traffic away.
  return [
    {
      method: 'POST',
      path: '/predict',
      summary: 'classify one text: {"text": "..."}',
      handlers: [
        json,
        async (req, res) => {
          const text = requireObject(req.body).text;
          const { version, items } = await predictor.predict(text, {
            single: true,
            field: 'text',
            requestId: req.id,
            signal: requestSignal(res),
          });
          sendJson(res, 200, toBody(version)(items[0] as (typeof items)[number]));
        },
      ],
    },
    {
      method: 'POST',
      path: '/predict/batch',
      summary: `classify up to ${config.maxBatch} texts: {"texts": ["...", "..."]}`,
      handlers: [
        json,
        async (req, res) => {
          const texts = requireObject(req.body).texts;
          const { version, items } = await predictor.predict(texts, { requestId: req.id, signal: requestSignal(res) });
          sendJson(res, 200, { predictions: items.map(toBody(version)) });
        },
      ],
    },
  ];
}
