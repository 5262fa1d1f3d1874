import { tenantNames } from '@mlops/infra-charts';
import { API_PORT } from '@mlops/shared/contract';
import type { CheckResult } from '../../process/check-result.js';
import { withPortForward } from '../port-forward.js';
import { KEY_PROPAGATION_MS } from './smoke-gateway.js';
import { retryUntil } from './smoke-keys.js';

async function call(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body };
}

/**
 * `/health`, `/ready` and `/predict` of one tenant, through `kubectl port-forward` to its Service. With auth on,
 * /predict carries the tenant's smoke key (retried until the new key reached the pod) and a call without it must 401.
 */
export async function checkTenantHttp(
  tenant: string,
  kubeContext: string,
  key?: string,
  propagationMs = KEY_PROPAGATION_MS,
): Promise<CheckResult[]> {
  const names = tenantNames(tenant);
  return withPortForward(kubeContext, names.namespace, names.service, API_PORT, async ({ url }) => {
    const health = await call(`${url}/health`);
    const ready = await call(`${url}/ready`);
    const predictWith = (headers: Record<string, string>) =>
      call(`${url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ text: 'A wonderful, moving film.' }),
      });
    const predict = key
      ? await retryUntil(
          () => predictWith({ authorization: `Bearer ${key}` }),
          (r) => r.status !== 401,
          propagationMs,
        )
      : await predictWith({});
    const anonymous = key ? [await predictWith({})] : [];
    const answer = predict.body as { prediction?: string; tenant?: string; confidence?: number };
    return [
      { name: `${tenant}: GET /health`, ok: health.status === 200, detail: `HTTP ${health.status}` },
      {
        name: `${tenant}: GET /ready`,
        ok: ready.status === 200,
        detail: `HTTP ${ready.status} ${JSON.stringify(ready.body)}`,
      },
      {
        name: `${tenant}: POST /predict answers for this tenant`,
        ok:
          predict.status === 200 &&
          answer.tenant === tenant &&
          (answer.prediction === 'positive' || answer.prediction === 'negative') &&
          typeof answer.confidence === 'number',
        detail: `HTTP ${predict.status} ${JSON.stringify(predict.body).slice(0, 160)}`,
      },
      ...anonymous.map((r) => ({
        name: `${tenant}: POST /predict without a key -> 401`,
        ok: r.status === 401,
        detail: `HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`,
      })),
    ];
  });
}
