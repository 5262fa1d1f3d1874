import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { toRuleFile } from '../../src/addons/monitoring/monitoring-rules.js';
import { CONFIG_FILE, RULES_FILE } from '../../src/addons/monitoring/to-prometheus.js';
import { startApi, startPrometheus } from './monitoring-stack.js';
import { eventually, getJson, writeConfigMapVolume } from './tool-processes.js';

// Prometheus follows an apply without a restart. The ConfigMap volumes are written the way the kubelet updates
// them (atomic ..data symlink swap; no subPath), then /-/reload is POSTed, which is what the config-reloader
// sidecar does when it sees the change (its image is not available here). Kubernetes pod discovery is replaced by
// static targets with the labels the relabelling sets: in the cluster, a new tenant's pods appear through discovery
// and prometheus.yml does not change at all (test/addons/monitoring-standalone.test.ts proves that).

type Targets = { data: { activeTargets: Array<{ labels: Record<string, string>; health: string }> } };
type Rules = { data: { groups: Array<{ rules: Array<{ name: string }> }> } };

const dir = mkdtempSync(join(tmpdir(), 'reload-'));
const configDir = join(dir, 'config');
const rulesDir = join(dir, 'rules');
let stops: Array<() => Promise<void>> = [];

const prometheusYml = (targets: Array<{ host: string; tenant: string }>) =>
  stringify({
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [join(rulesDir, '*.yaml')],
    scrape_configs: [
      {
        job_name: 'inference-api',
        static_configs: targets.map((t) => ({
          targets: [t.host],
          labels: { tenant: t.tenant, namespace: t.tenant, pod: `${t.tenant}-ml-inference-p1` },
        })),
        metric_relabel_configs: [{ action: 'labeldrop', regex: 'exported_tenant' }],
      },
    ],
  });
const rules = (objectStorage: 'minio' | 's3') => stringify(toRuleFile({ objectStorage, ownKubeStateMetrics: true }));

afterAll(async () => {
  for (const stop of stops) await stop();
});

describe('Prometheus follows the platform after an apply, without a restart', () => {
  it('scrapes exactly the current tenants and evaluates exactly the current rules, before and after each apply', async () => {
    const a = await startApi('tenant-a');
    const b = await startApi('tenant-b');
    stops.push(a.stop, b.stop);
    writeConfigMapVolume(configDir, { [CONFIG_FILE]: prometheusYml([{ host: a.host, tenant: 'tenant-a' }]) });
    writeConfigMapVolume(rulesDir, { [RULES_FILE]: rules('s3') });
    const prometheus = await startPrometheus(join(configDir, CONFIG_FILE));
    stops = [prometheus.stop, ...stops];
    const tenantsUp = async () => {
      const body = await getJson<Targets>(`${prometheus.url}/api/v1/targets?state=active`);
      return body?.data.activeTargets
        .filter((t) => t.health === 'up')
        .map((t) => t.labels.tenant)
        .sort()
        .join(',');
    };
    const alertNames = async () => {
      const body = await getJson<Rules>(`${prometheus.url}/api/v1/rules?type=alert`);
      return body?.data.groups.flatMap((g) => g.rules.map((r) => r.name));
    };
    const reload = async () => {
      const res = await fetch(`${prometheus.url}/-/reload`, { method: 'POST' });
      expect(res.status).toBe(200);
    };
    const steps: Array<[string, () => void, string, boolean]> = [
      ['before: tenant-a only, S3 rules', () => {}, 'tenant-a', false],
      [
        'apply: tenant-b added, object storage switched to MinIO',
        () => {
          writeConfigMapVolume(configDir, {
            [CONFIG_FILE]: prometheusYml([
              { host: a.host, tenant: 'tenant-a' },
              { host: b.host, tenant: 'tenant-b' },
            ]),
          });
          writeConfigMapVolume(rulesDir, { [RULES_FILE]: rules('minio') });
        },
        'tenant-a,tenant-b',
        true,
      ],
      [
        'apply: tenant-b removed, back to S3',
        () => {
          writeConfigMapVolume(configDir, { [CONFIG_FILE]: prometheusYml([{ host: a.host, tenant: 'tenant-a' }]) });
          writeConfigMapVolume(rulesDir, { [RULES_FILE]: rules('s3') });
        },
        'tenant-a',
        false,
      ],
    ];
    const pid = prometheus.child.pid;
    for (const [step, apply, tenants, minioAlert] of steps) {
      apply();
      if (step !== steps[0]![0]) await reload();
      await eventually(async () => ((await tenantsUp()) === tenants ? true : undefined), `${step}: targets ${tenants}`);
      const names = await eventually(alertNames, `${step}: rules`);
      expect([step, names.includes('ObjectStorageDown')]).toEqual([step, minioAlert]);
      expect(names).toContain('InferenceModelNotReady');
    }
    expect(prometheus.child.pid).toBe(pid);
    expect(prometheus.child.exitCode).toBeNull();
  });
});
