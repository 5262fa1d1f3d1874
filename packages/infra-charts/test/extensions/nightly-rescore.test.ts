import { Cron } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import nightly, { nightlyRescore } from '../../examples/nightly-rescore.js';
import type { PlatformExtension } from '../../src/extensions/platform-extension.js';
import { runGuardrails } from '../../src/guardrails/run-guardrails.js';
import { formatViolation } from '../../src/guardrails/violation.js';
import type { ManifestFile } from '../../src/manifest/manifest.js';
import { synthesizeProfile, tenantFileName } from '../../src/synth/synthesize-profile.js';
import { defaultConfig } from '../fixtures.js';

type Json = Record<string, any>;

const config = defaultConfig();
const tenants = config.tenants.map((t) => t.name);
const find = (files: readonly ManifestFile[], file: string, kind: string, name: string): Json | undefined =>
  files.find((f) => f.name === file)?.documents.find((d) => d.kind === kind && d.metadata.name === name) as Json;

describe('the nightly re-score example extension (cdk8s-plus-28 CronJob per tenant)', () => {
  const files = synthesizeProfile(config, 'kind', { extensions: [nightly] });

  it.each(tenants)('lands in the tenant file of %s, in its namespace', (tenant) => {
    const cron = find(files, tenantFileName(tenant), 'CronJob', 'nightly-rescore');
    const dataset = find(files, tenantFileName(tenant), 'ConfigMap', 'nightly-rescore-dataset');
    expect(cron?.metadata.namespace).toBe(tenant);
    expect(dataset?.metadata.namespace).toBe(tenant);
    expect(JSON.parse(dataset?.data['texts.json']).texts.length).toBeGreaterThan(0);
  });

  it('calls the tenant API through the Service handle and runs at 03:00, one run at a time', () => {
    const cron = find(files, tenantFileName('tenant-a'), 'CronJob', 'nightly-rescore') as Json;
    expect(cron.spec).toMatchObject({ schedule: '0 3 * * *', concurrencyPolicy: 'Forbid' });
    const container = cron.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.args.at(-1)).toBe('http://tenant-a-ml-inference-svc.tenant-a.svc:8000/predict/batch');
  });

  it('makes the restricted security context explicit and sets requests and limits', () => {
    const pod = find(files, tenantFileName('tenant-a'), 'CronJob', 'nightly-rescore')?.spec.jobTemplate.spec.template
      .spec as Json;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 100 });
    expect(pod.containers[0].securityContext).toMatchObject({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].resources).toEqual({
      requests: { cpu: '50m', memory: '32Mi' },
      limits: { cpu: '200m', memory: '64Mi' },
    });
  });

  it('passes every guardrail (Pod Security restricted, resources, schema, unknown fields, default-deny)', async () => {
    expect((await runGuardrails(files, { rejectUnknownFields: true })).map(formatViolation)).toEqual([]);
  });

  it('changes nothing else: without it the tenant files hold exactly the platform objects', () => {
    const plain = synthesizeProfile(config, 'kind');
    const withoutExtension = files.map((f) => ({
      name: f.name,
      documents: f.documents.filter((d) => !d.metadata.name.startsWith('nightly-rescore')),
    }));
    expect(withoutExtension).toEqual(plain);
  });

  it('takes its options (schedule, texts)', () => {
    const custom = synthesizeProfile(config, 'kind', {
      extensions: [nightlyRescore({ schedule: Cron.schedule({ minute: '30', hour: '1' }), texts: ['one'] })],
    });
    const cron = find(custom, tenantFileName('tenant-a'), 'CronJob', 'nightly-rescore');
    expect(cron?.spec.schedule).toBe('30 1 * * *');
  });
});

describe('guardrails on extension objects', () => {
  const privileged: PlatformExtension = {
    name: 'debug-shell',
    tenant: (scope) => {
      const job = new kplus.CronJob(scope, 'debug', {
        metadata: { name: 'debug-shell' },
        schedule: Cron.daily(),
        securityContext: { ensureNonRoot: false },
      });
      job.addContainer({
        name: 'shell',
        image: 'busybox:1.36',
        securityContext: { privileged: true, ensureNonRoot: false, allowPrivilegeEscalation: true },
      });
    },
  };

  it('reject a privileged container, naming the file, the object and the rule', async () => {
    const files = synthesizeProfile(config, 'kind', { extensions: [privileged] });
    const found = (await runGuardrails(files)).map(formatViolation);
    for (const tenant of tenants) {
      const mine = found.filter((v) => v.includes(`CronJob ${tenant}/debug-shell`));
      expect(mine.join('\n')).toContain(tenantFileName(tenant));
      expect(mine.join('\n')).toMatch(/pod-security\/privileged/);
      expect(mine.join('\n')).toMatch(/pod-security\/privilege-escalation/);
    }
    expect(found.every((v) => v.includes('debug-shell'))).toBe(true);
  });
});
