import type { ApiConfig } from '../config/load-config.js';
import { API_ERRORS } from '../errors.js';
import { toOpenApiSchemas } from './openapi-schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});
const errorsOf = (schema: string, codes: readonly (keyof typeof API_ERRORS)[]) =>
  Object.fromEntries(
    [...new Set(codes.map((c) => API_ERRORS[c].status))].map((status) => [
      String(status),
      json(schema, codes.filter((c) => API_ERRORS[c].status === status).join(', ')),
    ]),
  );
/** Load shedding answers (429), whatever their codes are called in the catalogue. */
const SHED = (Object.keys(API_ERRORS) as (keyof typeof API_ERRORS)[]).filter((c) => API_ERRORS[c].status === 429);
const INPUT_ERRORS = ['INVALID_JSON', 'INVALID_BODY', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'] as const;

/** The OpenAPI 3.1 description of every route this server answers, with this server's limits. */
export function toOpenApiDocument(config: Pick<ApiConfig, 'maxTextLength' | 'maxBatch' | 'modelName' | 'tenant'>) {
  const model = { name: 'model', in: 'path', required: true, schema: { const: config.modelName } };
  const post = (
    summary: string,
    request: string,
    response: string,
    codes: readonly (keyof typeof API_ERRORS)[],
    v2 = false,
  ) => ({
    post: {
      summary,
      requestBody: { required: true, content: { 'application/json': { schema: ref(request) } } },
      responses: {
        '200': json(response, 'scored'),
        ...errorsOf(v2 ? 'V2Error' : 'Error', [...INPUT_ERRORS, ...codes, ...SHED, 'MODEL_NOT_READY']),
      },
      ...(v2 ? { parameters: [model] } : {}),
    },
  });
  const get = (summary: string, response: string, extra: Record<string, unknown> = {}) => ({
    get: { summary, responses: { '200': json(response, 'OK'), ...extra } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: `inference-api (tenant ${config.tenant})`,
      version: '0.1.0',
      description:
        'Sentiment inference: the reference FastAPI contract (POST /predict), a batch route and a KServe V2 subset. Errors are {"error":{"code","message"}} (V2 routes: {"error": "..."}), not FastAPI\'s 422 {"detail":[...]}; see docs/api.md.',
    },
    paths: {
      '/': get('service, tenant, model and endpoints', 'ServiceInfo'),
      '/health': get('liveness', 'Health'),
      '/ready': get('readiness: 200 with a model loaded, else 503', 'Ready', { '503': json('Ready', 'not ready') }),
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          responses: {
            '200': { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
          },
        },
      },
      '/openapi.json': {
        get: {
          summary: 'this document',
          responses: {
            '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
      '/predict': post('classify one text', 'PredictRequest', 'Prediction', ['INVALID_TEXT', 'TEXT_TOO_LONG']),
      '/predict/batch': post(`classify up to ${config.maxBatch} texts`, 'BatchRequest', 'BatchResponse', [
        'INVALID_BATCH',
        'BATCH_TOO_LARGE',
        'INVALID_TEXT',
        'TEXT_TOO_LONG',
      ]),
      '/v2/health/live': get('V2 liveness', 'V2Live'),
      '/v2/health/ready': get('V2 readiness', 'V2Ready', { '503': json('V2Ready', 'not ready') }),
      '/v2/models/{model}': {
        get: {
          ...get('V2 model metadata', 'V2ModelMetadata', { '404': json('V2Error', 'another model') }).get,
          parameters: [model],
        },
      },
      '/v2/models/{model}/ready': {
        get: {
          ...get('V2 model readiness', 'V2Ready', { '503': json('V2Ready', 'not ready') }).get,
          parameters: [model],
        },
      },
      '/v2/models/{model}/infer': post(
        'V2 inference (one BYTES input tensor)',
        'V2InferRequest',
        'V2InferResponse',
        ['NOT_FOUND', 'INVALID_BATCH', 'BATCH_TOO_LARGE', 'INVALID_TEXT', 'TEXT_TOO_LONG'],
        true,
      ),
    },
    components: { schemas: toOpenApiSchemas(config) },
  };
}
