import type { ApiConfig } from '../config/load-config.js';
import { API_ERRORS } from '../errors.js';

type Schema = Record<string, unknown>;

/** JSON Schemas of the bodies, with the limits the validators enforce (predict/validate-input.ts) taken from the config. */
export function toOpenApiSchemas(config: Pick<ApiConfig, 'maxTextLength' | 'maxBatch'>): Record<string, Schema> {
  const text: Schema = { type: 'string', minLength: 1, maxLength: config.maxTextLength, pattern: '\\S' };
  const texts: Schema = { type: 'array', items: text, minItems: 1, maxItems: config.maxBatch };
  const tensor = (datatype: string, items: Schema): Schema => ({
    type: 'object',
    required: ['name', 'datatype', 'shape', 'data'],
    properties: {
      name: { type: 'string' },
      datatype: { const: datatype },
      shape: { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 1 },
      data: { type: 'array', items },
    },
  });
  return {
    PredictRequest: {
      type: 'object',
      required: ['text'],
      properties: { text },
      examples: [{ text: 'A wonderful, moving film.' }],
    },
    Prediction: {
      type: 'object',
      required: ['text', 'prediction', 'confidence', 'tenant', 'model_version'],
      additionalProperties: false,
      properties: {
        text: { type: 'string' },
        prediction: {
          description:
            "one of the served version's labels (GET / model.labels): negative or positive unless the version names others",
          type: 'string',
        },
        confidence: { type: 'number', minimum: 0.5, maximum: 1, description: 'probability of the predicted label' },
        tenant: { type: 'string' },
        model_version: { type: 'string' },
      },
    },
    BatchRequest: { type: 'object', required: ['texts'], properties: { texts } },
    BatchResponse: {
      type: 'object',
      required: ['predictions'],
      additionalProperties: false,
      properties: { predictions: { type: 'array', items: { $ref: '#/components/schemas/Prediction' } } },
    },
    Error: {
      description:
        'Every error of the reference routes: a stable code and a message that says how to fix the request. Unlike FastAPI (422 {"detail": [...]}) there is one error object, and invalid input is 400 or 422 by code.',
      type: 'object',
      required: ['error'],
      additionalProperties: false,
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          additionalProperties: false,
          properties: { code: { enum: Object.keys(API_ERRORS) }, message: { type: 'string' } },
        },
      },
    },
    V2Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    Health: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
    Ready: {
      oneOf: [
        {
          type: 'object',
          required: ['status', 'model_version'],
          properties: { status: { const: 'ready' }, model_version: { type: 'string' } },
        },
        {
          type: 'object',
          required: ['status', 'reason'],
          properties: { status: { const: 'not ready' }, reason: { type: 'string' } },
        },
      ],
    },
    ServiceInfo: {
      type: 'object',
      required: ['service', 'tenant', 'model', 'status', 'endpoints'],
      properties: {
        service: { const: 'inference-api' },
        tenant: { type: 'string' },
        model: {
          type: 'object',
          required: ['name', 'version', 'pinned', 'backend'],
          properties: {
            name: { type: 'string' },
            version: { type: ['string', 'null'] },
            pinned: { type: ['string', 'null'] },
            backend: { type: ['string', 'null'] },
            labels: {
              description: "the served version's class names (from its metadata), in output order",
              type: ['array', 'null'],
              items: { type: 'string' },
              minItems: 2,
              maxItems: 2,
            },
          },
        },
        status: { enum: ['ready', 'loading', 'shutting-down'] },
        endpoints: { type: 'array', items: { type: 'string' } },
      },
    },
    V2Live: { type: 'object', required: ['live'], properties: { live: { type: 'boolean' } } },
    V2Ready: {
      type: 'object',
      required: ['ready'],
      properties: { name: { type: 'string' }, ready: { type: 'boolean' } },
    },
    V2ModelMetadata: {
      type: 'object',
      required: ['name', 'versions', 'platform', 'inputs', 'outputs'],
      properties: {
        name: { type: 'string' },
        versions: { type: 'array', items: { type: 'string' } },
        platform: { type: 'string' },
        inputs: { type: 'array', items: { type: 'object' } },
        outputs: { type: 'array', items: { type: 'object' } },
      },
    },
    V2InferRequest: {
      type: 'object',
      required: ['inputs'],
      properties: {
        id: { type: 'string' },
        inputs: { type: 'array', minItems: 1, maxItems: 1, items: tensor('BYTES', text) },
      },
    },
    V2InferResponse: {
      type: 'object',
      required: ['model_name', 'model_version', 'outputs'],
      properties: {
        model_name: { type: 'string' },
        model_version: { type: 'string' },
        id: { type: 'string' },
        outputs: {
          type: 'array',
          minItems: 2,
          maxItems: 2,
          items: { oneOf: [tensor('BYTES', { enum: ['positive', 'negative'] }), tensor('FP32', { type: 'number' })] },
        },
      },
    },
  };
}
