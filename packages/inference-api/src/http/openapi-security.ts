import type { ApiConfig } from '../config/load-config.js';
import { API_ERRORS } from '../errors.js';
import { OPEN_PATHS } from './edge-guard.js';

interface Operation {
  readonly responses: Readonly<Record<string, unknown>>;
}
interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: Readonly<Record<string, unknown>>;
}

const AUTH_CODES = (Object.keys(API_ERRORS) as (keyof typeof API_ERRORS)[]).filter((c) => API_ERRORS[c].status === 401);

/**
 * With AUTH_MODE=required, states the Bearer scheme: every operation needs it (and may answer 401) except the probes
 * and /metrics, which declare `security: []`. With auth off the document is returned unchanged.
 */
export function withApiKeySecurity<D extends Document>(document: D, config: Pick<ApiConfig, 'authMode' | 'tenant'>): D {
  if (config.authMode !== 'required') return document;
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, operations]) => {
      const open = OPEN_PATHS.has(path);
      const schema = path.startsWith('/v2/') ? 'V2Error' : 'Error';
      const unauthorized = {
        description: AUTH_CODES.join(', '),
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
      };
      return [
        path,
        Object.fromEntries(
          Object.entries(operations).map(([method, op]) => [
            method,
            open ? { ...op, security: [] } : { ...op, responses: { ...op.responses, '401': unauthorized } },
          ]),
        ),
      ];
    }),
  );
  return {
    ...document,
    security: [{ apiKey: [] }],
    paths,
    components: {
      ...document.components,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: `An API key of tenant ${config.tenant} (mlk_${config.tenant}_...), issued with pnpm cluster keys create --tenant ${config.tenant}`,
        },
      },
    },
  };
}
