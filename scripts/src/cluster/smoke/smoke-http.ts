import { tenantNames } from '@mlops/infra-charts';
import { API_PORT } from '@mlops/shared/contract';
import type { CheckResult } from '../../process/check-result.js';
import { withPortForward } from '../port-forward.js';

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

/** `/health`, `/ready` and `/predict` of one tenant, through `kubectl port-forward` to its Service. */
export async function checkTenantHttp(tenant: string, kubeContext: string): Promise<CheckResult[]> {
  const names = tenantNames(tenant);
  return withPortForward(kubeContext, names.namespace, names.service, API_PORT, async ({ url }) => {
    const health = await call(`${url}/health`);
    const ready = await call(`${url}/ready`);
    const predict = await call(`${url}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'A wonderful, moving film.' }),
    });
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
    ];
  });
}
