import { ApiError } from '../../errors.js';
import type { AppDeps } from '../app-deps.js';
import { jsonBody } from '../json-body.js';
import { requestSignal } from '../request-signal.js';
import { requireObject } from '../require-object.js';
import type { RouteSpec } from '../route-table.js';
import { sendJson } from '../send-json.js';

/** The Open Inference Protocol (KServe V2) subset: health, model metadata and readiness, infer with a BYTES tensor. */
export function v2Routes({ config, models, predictor, lifecycle }: AppDeps): RouteSpec[] {
  const name = config.modelName;
  const ready = () => !lifecycle.shuttingDown && models.current !== undefined;
  const knownModel = (requested: unknown) => {
    if (requested !== name)
      throw new ApiError('NOT_FOUND', `model "${String(requested)}" is not served here; this server serves "${name}"`);
  };
  return [
    {
      method: 'GET',
      path: '/v2/health/live',
      summary: 'V2 liveness',
      handlers: [(_req, res) => sendJson(res, 200, { live: true })],
    },
    {
      method: 'GET',
      path: '/v2/health/ready',
      summary: 'V2 readiness',
      handlers: [(_req, res) => sendJson(res, ready() ? 200 : 503, { ready: ready() })],
    },
    {
      method: 'GET',
      path: '/v2/models/:model',
      summary: 'V2 model metadata',
      handlers: [
        (req, res) => {
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
        },
      ],
    },
    {
      method: 'GET',
      path: '/v2/models/:model/ready',
      summary: 'V2 model readiness',
      handlers: [
        (req, res) => {
          knownModel(req.params.model);
          sendJson(res, ready() ? 200 : 503, { name, ready: ready() });
        },
      ],
    },
    {
      method: 'POST',
      path: '/v2/models/:model/infer',
      summary: 'V2 inference on a BYTES tensor of texts',
      handlers: [
        jsonBody(config.bodyLimitBytes),
        async (req, res) => {
          knownModel(req.params.model);
          const body = requireObject(req.body);
          const data = parseTextTensor(body.inputs);
          const { version, items } = await predictor.predict(data, {
            field: 'inputs[0].data',
            requestId: req.id,
            signal: requestSignal(res),
          });
          sendJson(res, 200, {
            model_name: name,
            model_version: version,
            ...(typeof body.id === 'string' ? { id: body.id } : {}),
            outputs: [
              { name: 'label', datatype: 'BYTES', shape: [items.length], data: items.map((p) => p.label) },
              { name: 'probability', datatype: 'FP32', shape: [items.length], data: items.map((p) => p.probability) },
            ],
          });
        },
      ],
    },
  ];
}

/** The data of the one BYTES input tensor of an infer request (its texts are validated by the Predictor). */
function parseTextTensor(inputs: unknown): unknown {
  if (!Array.isArray(inputs) || inputs.length !== 1)
    throw new ApiError(
      'INVALID_BODY',
      'inputs must hold exactly one tensor: {"name":"text","datatype":"BYTES","shape":[n],"data":["..."]}',
    );
  const input = requireObject(inputs[0]);
  if (input.datatype !== 'BYTES')
    throw new ApiError('INVALID_BODY', `input datatype ${JSON.stringify(input.datatype)} is not supported; use BYTES`);
  const { data, shape } = input;
  if (Array.isArray(data) && (!Array.isArray(shape) || shape.length !== 1 || shape[0] !== data.length))
    throw new ApiError(
      'INVALID_BODY',
      `inputs[0].shape ${JSON.stringify(shape)} does not match ${data.length} data items; use [${data.length}]`,
    );
  return data;
}
