import { API_UID } from '@mlops/infra-charts';
import { METRICS } from '@mlops/shared/metrics';
import type { CheckResult } from '../../process/check-result.js';
import { runCommand } from '../../process/run-command.js';
import { httpRequest, waitForAnswer } from './http-client.js';

interface Prediction {
  readonly text?: string;
  readonly prediction?: string;
  readonly confidence?: number;
  readonly tenant?: string;
  readonly model_version?: string;
}

const CASES = [
  { text: 'A wonderful, moving film with brilliant performances.', expected: 'positive' },
  { text: 'A dull, boring mess; the worst movie of the year.', expected: 'negative' },
] as const;

/**
 * The API container's endpoints and process, checked from outside as a client and an operator would;
 * /health and /ready on the main port (kept for compatibility) and on the probe port kubelet uses.
 */
export async function checkApi(
  url: string,
  probeUrl: string,
  container: string,
  version: string,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [where, base] of [
    ['', url],
    [' on the probe port', probeUrl],
  ] as const) {
    const health = await httpRequest(`${base}/health`);
    results.push({
      name: `GET /health${where} answers 200`,
      ok: health.status === 200,
      detail: `HTTP ${health.status}`,
    });
    // The probe thread learns readiness on the main thread's next heartbeat (100 ms): give it up to 2 s.
    if (where !== '') await waitForAnswer(`${base}/ready`, 2_000).catch(() => undefined);
    const ready = await httpRequest(`${base}/ready`);
    const readyVersion = (ready.body as { model_version?: string } | undefined)?.model_version;
    results.push({
      name: `GET /ready${where} answers 200 with the version served`,
      ok: ready.status === 200 && readyVersion === version,
      detail: `HTTP ${ready.status} ${ready.text.slice(0, 160)}`,
    });
  }
  for (const { text, expected } of CASES) {
    const answer = await httpRequest(`${url}/predict`, { json: { text } });
    const body = answer.body as Prediction;
    const ok =
      answer.status === 200 &&
      body.text === text &&
      body.prediction === expected &&
      typeof body.confidence === 'number' &&
      body.tenant === 'images-test' &&
      body.model_version === version;
    results.push({
      name: `POST /predict classifies a ${expected} review`,
      ok,
      detail: `HTTP ${answer.status} ${answer.text.slice(0, 160)}`,
    });
  }
  const metrics = await httpRequest(`${url}/metrics`);
  const info = new RegExp(`^${METRICS.modelInfo.name}\\{[^}]*version="${version}"[^}]*\\} 1$`, 'm');
  const requests = new RegExp(
    `^${METRICS.httpRequests.name}\\{[^}]*route="/predict"[^}]*status="200"[^}]*\\} [1-9]`,
    'm',
  );
  results.push({
    name: 'GET /metrics exposes the model version and request counts',
    ok: metrics.status === 200 && info.test(metrics.text) && requests.test(metrics.text),
    detail: `HTTP ${metrics.status}, ${metrics.text.split('\n').filter((l) => l.startsWith('mlops_')).length} mlops_ samples`,
  });
  // The API image has no shell or coreutils (distroless-style): node itself reads PID 1's status.
  const readStatus = "process.stdout.write(require('fs').readFileSync('/proc/1/status', 'utf8'))";
  const { stdout } = await runCommand('docker', ['exec', container, 'node', '-e', readStatus], { timeoutMs: 60_000 });
  const uid = /^Uid:\s+(.*)$/m.exec(stdout)?.[1]?.trim().split(/\s+/) ?? [];
  const capEff = /^CapEff:\s+(\w+)$/m.exec(stdout)?.[1];
  results.push({
    name: `the API process runs as UID ${API_UID} with no capabilities`,
    ok: uid.length === 4 && uid.every((id) => id === String(API_UID)) && /^0+$/.test(capEff ?? 'x'),
    detail: `Uid ${uid.join(' ')}, CapEff ${capEff}`,
  });
  return results;
}
