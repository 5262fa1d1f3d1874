import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  ALERTMANAGER_SECRET_DIR,
  ROUTE_TIMING,
  toAlertmanagerConfig,
} from '../../src/addons/monitoring/alertmanager-config.js';
import {
  CONFIG_CONFIG_MAP,
  CONFIG_FILE,
  RULES_CONFIG_MAP,
  RULES_FILE,
} from '../../src/addons/monitoring/to-prometheus.js';
import { alertingSchema } from '../../src/config/monitoring-config-schema.js';
import { distConfigMap } from './dist-monitoring.js';
import { fastRules, startAlertmanager, startApi, startPrometheus } from './monitoring-stack.js';
import { eventually, freePort, getJson } from './tool-processes.js';

// The whole alert path with real parts: a real API process -> real Prometheus (the rules and prometheus.yml of
// dist/kind) -> real Alertmanager (the config synth builds, with a webhook receiver) -> a loopback webhook.
// Faked, because they need a cluster: Kubernetes pod discovery (a static target with the labels the relabelling
// sets) and kube-state-metrics (a loopback server serving the KSM series of two tenants' autoscalers).

interface Alert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: string;
}
const received: Alert[] = [];
const authorizations = new Set<string>();
const TOKEN = 'test-only-token-not-a-secret';
const servers: Server[] = [];
let stops: Array<() => Promise<void>> = [];
let prometheusUrl = '';
let alertmanagerUrl = '';

function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  return freePort().then(
    (port) =>
      new Promise((res) => {
        const server = createServer(handler).listen(port, '127.0.0.1', () => res(port));
        servers.push(server);
      }),
  );
}

// Both tenants' autoscalers run at their maximum; tenant-a also has no model (critical), tenant-b does not exist as an API.
const KSM_SERIES = ['tenant-a', 'tenant-b']
  .flatMap((t) => {
    const hpa = `namespace="${t}",horizontalpodautoscaler="${t}-ml-inference-hpa"`;
    return [
      `kube_horizontalpodautoscaler_spec_max_replicas{${hpa}} 3`,
      `kube_horizontalpodautoscaler_status_current_replicas{${hpa}} 3`,
    ];
  })
  .join('\n');

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'alerting-'));
  const hookPort = await serve((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      authorizations.add(String(req.headers.authorization));
      received.push(...(JSON.parse(body) as { alerts: Alert[] }).alerts);
      res.end('ok');
    });
  });
  const ksmPort = await serve((_, res) => res.end(`${KSM_SERIES}\n`));
  const alerting = alertingSchema.parse({
    receivers: [{ name: 'hook', type: 'webhook', url: `http://127.0.0.1:${hookPort}/alerts`, bearerToken: true }],
    defaultReceiver: 'hook',
  });
  // The receivers Secret, mounted as files in the pod, is a folder here.
  const secrets = join(dir, 'secrets');
  mkdirSync(secrets);
  writeFileSync(join(secrets, 'hook-token'), TOKEN);
  const amConfig = stringify(toAlertmanagerConfig(alerting))
    .replace(`group_wait: ${ROUTE_TIMING.group_wait}`, 'group_wait: 1s')
    .replaceAll(ALERTMANAGER_SECRET_DIR, secrets);
  expect(amConfig).not.toContain(TOKEN);
  writeFileSync(join(dir, 'alertmanager.yml'), amConfig);
  expect(execFileSync('amtool', ['check-config', join(dir, 'alertmanager.yml')], { encoding: 'utf8' })).toMatch(
    /SUCCESS/,
  );
  const am = await startAlertmanager(join(dir, 'alertmanager.yml'));
  const api = await startApi('tenant-a');
  writeFileSync(join(dir, RULES_FILE), fastRules(distConfigMap('kind', RULES_CONFIG_MAP)[RULES_FILE]!));
  const config = parse(distConfigMap('kind', CONFIG_CONFIG_MAP)[CONFIG_FILE]!);
  config.global = { scrape_interval: '1s', evaluation_interval: '1s' };
  config.rule_files = [join(dir, '*.yaml')];
  config.alerting.alertmanagers[0].static_configs = [{ targets: [am.host] }];
  const job = (name: string) => config.scrape_configs.find((j: { job_name: string }) => j.job_name === name);
  const apiJob = job('inference-api');
  delete apiJob.kubernetes_sd_configs;
  apiJob.relabel_configs = [];
  apiJob.static_configs = [
    { targets: [api.host], labels: { tenant: 'tenant-a', namespace: 'tenant-a', pod: 'tenant-a-ml-inference-p1' } },
  ];
  job('kube-state-metrics').static_configs = [{ targets: [`127.0.0.1:${ksmPort}`] }];
  config.scrape_configs = config.scrape_configs.filter((j: { job_name: string }) => j.job_name !== 'minio');
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
  const prometheus = await startPrometheus(join(dir, 'prometheus.yml'));
  prometheusUrl = prometheus.url;
  alertmanagerUrl = am.url;
  stops = [prometheus.stop, am.stop, api.stop];
});

afterAll(async () => {
  for (const stop of stops) await stop();
  for (const s of servers) s.close();
});

describe('an alert travels Prometheus -> Alertmanager -> webhook', () => {
  it('delivers the critical "no model" alert of tenant-a with its tenant, severity and runbook_url', async () => {
    const alert = await eventually(
      async () => received.find((a) => a.labels.alertname === 'InferenceModelNotReady'),
      'InferenceModelNotReady at the webhook',
    );
    expect(alert.labels).toMatchObject({
      tenant: 'tenant-a',
      severity: 'critical',
      alertname: 'InferenceModelNotReady',
    });
    expect(alert.annotations.runbook_url).toBe('docs/runbooks.md#inferencemodelnotready');
    expect(alert.status).toBe('firing');
    // The webhook's bearer token came from the receivers Secret's file, not from the config.
    expect([...authorizations]).toEqual([`Bearer ${TOKEN}`]);
  });

  it("delivers tenant-b's HPA warning and inhibits tenant-a's, which its critical alert covers", async () => {
    const warning = await eventually(
      async () => received.find((a) => a.labels.alertname === 'InferenceHPAAtMaxReplicas'),
      'InferenceHPAAtMaxReplicas at the webhook',
    );
    expect(warning.labels).toMatchObject({ tenant: 'tenant-b', severity: 'warning' });
    const inhibited = await eventually(async () => {
      const alerts = await getJson<Array<{ labels: Record<string, string>; status: { inhibitedBy: string[] } }>>(
        `${alertmanagerUrl}/api/v2/alerts?filter=alertname%3D%22InferenceHPAAtMaxReplicas%22&filter=tenant%3D%22tenant-a%22`,
      );
      const a = alerts?.find((x) => x.status.inhibitedBy.length > 0);
      return a;
    }, "tenant-a's HPA warning inhibited in Alertmanager");
    expect(inhibited.labels.tenant).toBe('tenant-a');
    expect(
      received.filter((a) => a.labels.alertname === 'InferenceHPAAtMaxReplicas' && a.labels.tenant === 'tenant-a'),
    ).toEqual([]);
  });

  it('evaluates the rules for the real API series (Prometheus answers the recording rules)', async () => {
    const ready = await eventually(async () => {
      const body = await getJson<{ data: { result: Array<{ value: [number, string] }> } }>(
        `${prometheusUrl}/api/v1/query?query=${encodeURIComponent('mlops_model_ready{tenant="tenant-a"}')}`,
      );
      return body?.data.result[0];
    }, 'mlops_model_ready of tenant-a');
    expect(ready.value[1]).toBe('0');
  });
});
