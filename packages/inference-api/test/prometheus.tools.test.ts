import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { post, publishTestModel, startTestApp, type TestApp, tempStore } from './helpers.js';

// A real Prometheus (Debian's package) scrapes a real API on loopback and evaluates the rules synthesized into dist/.
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'prometheus-'));
const port = 19090 + Math.floor(Math.random() * 500);
let app: TestApp;
let prometheus: ChildProcess;

async function query(promql: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as {
    status: string;
    data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  return body.status === 'success' ? body.data.result : [];
}

async function eventually<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  const { dir: models, store } = tempStore();
  await publishTestModel(store);
  app = await startTestApp({ MODEL_URI: `file://${models}/sentiment`, TENANT: 'tenant-a' });
  const monitoring = parseAllDocuments(readFileSync(join(REPO, 'dist/kind/30-monitoring.yaml'), 'utf8')).map((d) =>
    d.toJSON(),
  );
  const rules = monitoring.find((d) => d.metadata.name === 'prometheus-rules').data['mlops.rules.yaml'] as string;
  // Same expressions, evaluated every second instead of every 30 s so the test is quick.
  writeFileSync(join(dir, 'rules.yaml'), rules.replace(/interval: 30s/g, 'interval: 1s'));
  const target = new URL(app.url).host;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    // The target labels that the cluster's pod-discovery relabelling sets (tenant, namespace, pod), and its labeldrop.
    `global: {scrape_interval: 1s, evaluation_interval: 1s}\nrule_files: [rules.yaml]\nscrape_configs:\n  - job_name: inference-api\n    static_configs: [{targets: ["${target}"], labels: {tenant: tenant-a, pod: local-pod, namespace: tenant-a}}]\n    metric_relabel_configs: [{action: labeldrop, regex: exported_tenant}]\n`,
  );
  prometheus = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  await eventually(
    async () => ((await fetch(`http://127.0.0.1:${port}/-/ready`)).ok ? true : undefined),
    'prometheus ready',
  );
});

afterAll(async () => {
  prometheus?.kill('SIGTERM');
  await app?.close();
});

describe('Prometheus scraping the API with the synthesized rules', () => {
  it('sees per-tenant series and computes the recording rules', async () => {
    const send = setInterval(() => {
      for (const text of ['The movie was wonderful.', 'The movie was terrible.'])
        void post(`${app.url}/predict`, { text });
    }, 100);
    try {
      const up = await eventually(async () => (await query('up{job="inference-api"} == 1'))[0], 'the API target up');
      expect(up.metric).toMatchObject({ tenant: 'tenant-a', pod: 'local-pod' });
      const rate = await eventually(
        async () => (await query('tenant:mlops_http_requests:rate5m{tenant="tenant-a"} > 0'))[0],
        'the request-rate recording rule',
      );
      expect(Number(rate.value[1])).toBeGreaterThan(0);
      const p99 = await eventually(
        async () => (await query('tenant:mlops_http_request_duration_seconds:p99_5m{tenant="tenant-a"}'))[0],
        'the p99 recording rule',
      );
      expect(Number(p99.value[1])).toBeLessThan(1);
      const labels = await eventually(async () => {
        const r = await query('tenant:mlops_predictions:rate5m{tenant="tenant-a"} > 0');
        return r.length === 2 ? r : undefined;
      }, 'predictions by label');
      expect(labels.map((r) => r.metric.label).sort()).toEqual(['negative', 'positive']);
      const errors = await eventually(
        async () => (await query('tenant:mlops_http_errors:ratio_rate5m{tenant="tenant-a"}'))[0],
        'the error-ratio recording rule',
      );
      expect(Number(errors.value[1])).toBe(0);
    } finally {
      clearInterval(send);
    }
  });
});
