import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { toAlertmanagerConfig } from '../../src/addons/monitoring/alertmanager-config.js';
import { ALERTMANAGER_CONFIG_FILE, ALERTMANAGER_CONFIG_MAP } from '../../src/addons/monitoring/to-alertmanager.js';
import {
  CONFIG_CONFIG_MAP,
  CONFIG_FILE,
  RULES_CONFIG_MAP,
  RULES_FILE,
} from '../../src/addons/monitoring/to-prometheus.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import { alertingSchema } from '../../src/config/monitoring-config-schema.js';
import { rawDefaultConfig } from '../fixtures.js';
import { toPromtoolTests } from '../support/rule-test-cases.js';
import { distConfigMap } from './dist-monitoring.js';

// Real promtool and amtool (Debian's prometheus and prometheus-alertmanager packages) on what synth wrote to dist/.
const run = (tool: string, args: string[], cwd: string) =>
  execFileSync(tool, args, { cwd, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });

describe.each(['kind', 'eks'] as const)('promtool and amtool on dist/%s', (profile) => {
  // The rules in dist/ are those of the committed profile: MinIO rules only where it runs MinIO (kind), not on S3 (eks).
  const objectStorage = validatePlatformConfig(rawDefaultConfig()).profiles[profile]!.objectStorage.type;
  const scope = { objectStorage, ownKubeStateMetrics: true } as const;
  const dir = mkdtempSync(join(tmpdir(), 'promtool-'));
  writeFileSync(join(dir, RULES_FILE), distConfigMap(profile, RULES_CONFIG_MAP)[RULES_FILE]!);

  it('accepts the synthesized rule file (promtool check rules)', () => {
    expect(run('promtool', ['check', 'rules', RULES_FILE], dir)).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('fires every alert for exactly the misbehaving one of two tenants with different limits (promtool test rules)', () => {
    const tests = toPromtoolTests(RULES_FILE, scope);
    writeFileSync(join(dir, 'tests.yaml'), stringify(tests));
    expect(run('promtool', ['test', 'rules', 'tests.yaml'], dir)).toMatch(/SUCCESS/);
  });

  it('fails a unit test when a rule misjudges a tenant (the suite can fail)', () => {
    const broken = distConfigMap(profile, RULES_CONFIG_MAP)[RULES_FILE]!.replace(
      'tenant_pod:kube_pod_container_resource_limits_memory_bytes:max > 0.9',
      'tenant_pod:kube_pod_container_resource_limits_memory_bytes:max > 0.99',
    );
    writeFileSync(join(dir, 'broken.yaml'), broken);
    writeFileSync(join(dir, 'broken-tests.yaml'), stringify(toPromtoolTests('broken.yaml', scope)));
    expect(() => run('promtool', ['test', 'rules', 'broken-tests.yaml'], dir)).toThrow(/InferenceMemoryNearLimit/);
  });

  it('accepts the synthesized prometheus.yml (promtool check config)', () => {
    // Debian builds Prometheus without Kubernetes discovery, so its promtool rejects `kubernetes_sd_configs`
    // itself; everything else (relabelling, alerting, rule_files, jobs) is checked as synthesized, with that one
    // block swapped for file discovery. The discovery block is asserted in test/addons/monitoring-standalone.
    const config = parse(distConfigMap(profile, CONFIG_CONFIG_MAP)[CONFIG_FILE]!);
    for (const job of config.scrape_configs)
      if (job.kubernetes_sd_configs) {
        expect(job.kubernetes_sd_configs[0].role).toBe('pod');
        delete job.kubernetes_sd_configs;
        job.file_sd_configs = [{ files: ['targets.json'] }];
      }
    writeFileSync(join(dir, CONFIG_FILE), stringify(config));
    expect(run('promtool', ['check', 'config', '--syntax-only', CONFIG_FILE], dir)).toMatch(/SUCCESS/);
  });

  it('accepts the synthesized alertmanager.yml (amtool check-config)', () => {
    const file = distConfigMap(profile, ALERTMANAGER_CONFIG_MAP)[ALERTMANAGER_CONFIG_FILE]!;
    writeFileSync(join(dir, ALERTMANAGER_CONFIG_FILE), file);
    expect(run('amtool', ['check-config', ALERTMANAGER_CONFIG_FILE], dir)).toMatch(/SUCCESS[\s\S]*1 inhibit rules/);
  });
});

describe('amtool on every kind of receiver the config offers', () => {
  it('accepts webhook, Slack and e-mail receivers with tenant and severity routes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'amtool-'));
    const alerting = alertingSchema.parse({
      receivers: [
        { name: 'oncall', type: 'webhook', url: 'https://hooks.example.com/page', bearerToken: true },
        { name: 'team-a', type: 'slack', channel: '#team-a' },
        {
          name: 'mail',
          type: 'email',
          to: 'ops@example.com',
          from: 'am@example.com',
          smarthost: 'smtp.example.com:587',
          authUsername: 'am',
        },
      ],
      defaultReceiver: 'mail',
      criticalReceiver: 'oncall',
      tenantReceivers: { 'tenant-a': 'team-a' },
    });
    writeFileSync(join(dir, 'am.yml'), stringify(toAlertmanagerConfig(alerting)));
    expect(run('amtool', ['check-config', 'am.yml'], dir)).toMatch(/SUCCESS[\s\S]*4 receivers/);
  });
});
