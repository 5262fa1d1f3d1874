import { labelOf } from '@mlops/shared';
import { Router } from 'express';
import { ApiError } from '../../errors.js';
import type { AppDeps } from '../app-deps.js';
import { jsonBody } from '../json-body.js';
import { requestSignal } from '../request-signal.js';
import { sendJson } from '../send-json.js';
import { requireObject, validateTexts } from '../validate-input.js';

/** The Open Inference Protocol (KServe V2) subset: health, model metadata and readiness, infer with a BYTES tensor. */
export function v2Routes({ config, models, queue, metrics, lifecycle }: AppDeps): Router {
  const router = Router();
  const name = config.modelName;
  const ready = () => !lifecycle.shuttingDown && models.current !== undefined;
  const knownModel = (requested: unknown) => {
    if (requested !== name)
      throw new ApiError('NOT_FOUND', `model "${String(requested)}" is not served here; this server serves "${name}"`);
  };

  router.get('/v2/health/live', (_req, res) => {
    sendJson(res, 200, { live: true });
  });
  router.get('/v2/health/ready', (_req, res) => {
    sendJson(res, ready() ? 200 : 503, { ready: ready() });
  });
  router.get('/v2/models/:model', (req, res) => {
    knownModel(req.params.model);
    sendJson(res, 200, {
      name,
      versions: models.current ? [models.current.version] : [],
      platform: 'tensorflowjs',
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }],
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [-1] },
        { name: 'probability', datatype: 'FP32', shape: [-1] },
      ],
    });
  });
  router.get('/v2/models/:model/ready', (req, res) => {
    knownModel(req.params.model);
    sendJson(res, ready() ? 200 : 503, { name, ready: ready() });
  });
  router.post('/v2/models/:model/infer', jsonBody(config.bodyLimitBytes), async (req, res) => {
    knownModel(req.params.model);
    const body = requireObject(req.body);
    const inputs = body.inputs;
    if (!Array.isArray(inputs) || inputs.length !== 1)
      throw new ApiError(
        'INVALID_BODY',
        'inputs must hold exactly one tensor: {"name":"text","datatype":"BYTES","shape":[n],"data":["..."]}',
      );
    const input = requireObject(inputs[0]);
    if (input.datatype !== 'BYTES')
      throw new ApiError(
        'INVALID_BODY',
        `input datatype ${JSON.stringify(input.datatype)} is not supported; use BYTES`,
      );
    const texts = validateTexts(input.data, config.maxBatch, config.maxTextLength, 'inputs[0].data');
    const shape = input.shape;
    if (!Array.isArray(shape) || shape.length !== 1 || shape[0] !== texts.length) {
      throw new ApiError(
        'INVALID_BODY',
        `inputs[0].shape ${JSON.stringify(shape)} does not match ${texts.length} data items; use [${texts.length}]`,
      );
    }
    if (!models.current) throw new ApiError('MODEL_NOT_READY');
    const scored = await queue.score(texts, { batch: true, signal: requestSignal(res) });
    const labels = scored.map((s) => labelOf(s.probability));
    for (const label of labels) metrics.predictions.inc({ label });
    sendJson(res, 200, {
      model_name: name,
      model_version: scored[0]?.version,
      ...(typeof body.id === 'string' ? { id: body.id } : {}),
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [texts.length], data: labels },
        { name: 'probability', datatype: 'FP32', shape: [texts.length], data: scored.map((s) => s.probability) },
      ],
    });
  });
  return router;
}
