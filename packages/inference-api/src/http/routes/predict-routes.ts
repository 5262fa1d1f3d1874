import { Router } from 'express';
import { ApiError } from '../../errors.js';
import type { Scored } from '../../model/scoring-queue.js';
import type { AppDeps } from '../app-deps.js';
import { jsonBody } from '../json-body.js';
import { requestSignal } from '../request-signal.js';
import { sendJson } from '../send-json.js';
import { toPrediction } from '../to-prediction.js';
import { requireObject, validateText, validateTexts } from '../validate-input.js';

/** POST /predict {"text"} (reference-compatible) and POST /predict/batch {"texts": [...]}. */
export function predictRoutes(deps: AppDeps): Router {
  const { config, models, queue, metrics, logger } = deps;
  const router = Router();
  const json = jsonBody(config.bodyLimitBytes);
  // Requests that reached a handler are in flight and are served even while draining for shutdown:
  // readiness (503) and the closed listener keep new traffic away.
  const available = () => {
    const model = models.current;
    if (!model)
      throw new ApiError('MODEL_NOT_READY', `no model is loaded yet (${models.notReadyReason}); retry shortly`);
    return model;
  };
  const count = (label: string) => metrics.predictions.inc({ label });

  router.post('/predict', json, async (req, res) => {
    const text = validateText(requireObject(req.body).text, config.maxTextLength);
    available();
    const [scored] = await queue.score([text], { signal: requestSignal(res) });
    const prediction = toPrediction(text, scored as Scored, config.tenant);
    count(prediction.prediction);
    if (config.logTexts) logger.info({ reqId: req.id, text, prediction: prediction.prediction }, 'prediction');
    sendJson(res, 200, prediction);
  });

  router.post('/predict/batch', json, async (req, res) => {
    const texts = validateTexts(requireObject(req.body).texts, config.maxBatch, config.maxTextLength);
    available();
    const scored = await queue.score(texts, { batch: true, signal: requestSignal(res) });
    const predictions = texts.map((t, i) => toPrediction(t, scored[i]!, config.tenant));
    for (const p of predictions) count(p.prediction);
    sendJson(res, 200, { predictions });
  });
  return router;
}
