import { exposedMetricNames } from '@mlops/shared';
import { findBadReferences } from '../../src/addons/monitoring/check-metric-references.js';
import { DASHBOARD_PANELS, toGrafanaDashboard } from '../../src/addons/monitoring/monitoring-dashboard.js';
import { alertCases, TEST_TENANT } from '../../src/addons/monitoring/monitoring-rule-tests.js';
import { alertRules, RECORDING_RULES, toRuleFile } from '../../src/addons/monitoring/monitoring-rules.js';
import { toPrometheusConfig } from '../../src/addons/monitoring/prometheus-config.js';

const known = new Set([...exposedMetricNames(), ...RECORDING_RULES.map((r) => r.record), 'up']);
const prefixes = ['mlops_process_', 'mlops_nodejs_'];
const ruleExprs = [...RECORDING_RULES.map((r) => r.expr), ...alertRules([TEST_TENANT]).map((a) => a.expr)];
const panelExprs = DASHBOARD_PANELS.flatMap((p) => p.targets.map((t) => t.expr));

describe('monitoring definition', () => {
  it('every rule and panel expression parses and refers only to metrics the API exposes or a recording rule defines', () => {
    expect(findBadReferences([...ruleExprs, ...panelExprs], known, prefixes)).toEqual([]);
  });

  it('catches a typo in a metric name and a syntax error', () => {
    expect(findBadReferences(['rate(mlops_http_request_total[5m])', 'sum(rate(up[5m]'], known, prefixes)).toEqual([
      'unknown metric "mlops_http_request_total" in: rate(mlops_http_request_total[5m])',
      'PromQL syntax error in: sum(rate(up[5m]',
    ]);
  });

  it('covers the reference alerts and more, each with severity, summary, description and runbook', () => {
    const rules = (toRuleFile([TEST_TENANT]).groups[1]?.rules ?? []) as any[];
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'InferenceHighLatencyP99',
        'InferenceHighErrorRate',
        'InferencePodRestartLoop',
        'InferenceHPAAtMaxReplicas',
        'InferenceNoReadyReplica',
        'InferenceModelNotReady',
        'InferenceMemoryNearLimit',
        'InferenceCpuNearLimit',
        'ObjectStorageDown',
        'InferenceScrapeTargetDown',
      ]),
    );
    for (const rule of rules) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      expect(rule.annotations.description.length).toBeGreaterThan(10);
      expect(rule.annotations.runbook.length).toBeGreaterThan(10);
    }
  });

  it('has a unit-test case for every alert', () => {
    const tested = new Set(alertCases(TEST_TENANT).map((c) => c.alert));
    for (const rule of alertRules([TEST_TENANT])) expect(tested).toContain(rule.alert);
  });

  it('sizes per-tenant alerts from the tenant config', () => {
    const rules = alertRules([{ name: 'tenant-z', maxReplicas: 7, limitsCpuCores: 2, limitsMemoryBytes: 1024 }]);
    expect(rules.find((r) => r.alert === 'InferenceHPAAtMaxReplicas')?.expr).toBe(
      'count by (tenant) (up{job="inference-api",tenant="tenant-z"} == 1) >= 7',
    );
    expect(rules.find((r) => r.alert === 'InferenceMemoryNearLimit')?.expr).toContain('/ 1024 > 0.9');
  });

  it("compares replicas with each tenant's HPA maximum and pods with their limits, from the config", () => {
    const dashboard = toGrafanaDashboard('prometheus', [TEST_TENANT]);
    const panel = (title: string) => dashboard.panels.find((p) => p.title === title);
    expect(panel('Replicas vs HPA maximum')?.targets[1]?.expr).toBe(
      'label_replace(vector(3), "tenant", "tenant-a", "", "")',
    );
    expect(panel('Memory per pod vs limit')?.targets[1]?.expr).toBe(
      'label_replace(vector(402653184), "tenant", "tenant-a", "", "")',
    );
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    expect(findBadReferences(exprs, known, prefixes)).toEqual([]);
  });

  it('builds a dashboard with a tenant variable and the panels the guide describes', () => {
    const dashboard = toGrafanaDashboard('prometheus');
    expect(dashboard.templating.list[0]?.name).toBe('tenant');
    expect(dashboard.panels.map((p) => p.title)).toEqual(
      expect.arrayContaining([
        'Request rate',
        'Error ratio (5xx)',
        'Prediction latency p50 / p95 / p99',
        'Predictions by label',
        'Model version',
        'TF.js tensors and memory',
      ]),
    );
    for (const panel of dashboard.panels) for (const t of panel.targets) expect(t.expr).toContain('$tenant');
  });

  it('discovers only API pods in the tenant namespaces and labels them by tenant', () => {
    const config = toPrometheusConfig(['tenant-a', 'tenant-b']);
    const job = config.scrape_configs[0] as any;
    expect(job.kubernetes_sd_configs).toEqual([{ role: 'pod', namespaces: { names: ['tenant-a', 'tenant-b'] } }]);
    expect(job.relabel_configs[0]).toEqual({
      source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'],
      action: 'keep',
      regex: 'ml-inference',
    });
    expect(job.relabel_configs).toContainEqual({
      source_labels: ['__meta_kubernetes_pod_label_mlops_platform_tenant'],
      target_label: 'tenant',
    });
  });
});

describe('operator mode (kube-prometheus-stack)', () => {
  it('emits PodMonitors, a PrometheusRule with the same rules, and a sidecar dashboard, and passes the guardrails', async () => {
    const { validatePlatformConfig } = await import('../../src/config/index.js');
    const { rawDefaultConfig } = await import('../fixtures.js');
    const { synthesizeProfile } = await import('../../src/synth/synthesize-profile.js');
    const { runGuardrails } = await import('../../src/guardrails/run-guardrails.js');
    const raw = rawDefaultConfig() as any;
    raw.profiles.eks.monitoring = { mode: 'operator' };
    const files = synthesizeProfile(validatePlatformConfig(raw), 'eks');
    expect(await runGuardrails(files)).toEqual([]);
    const docs = files.find((f) => f.name === '30-monitoring.yaml')!.documents as any[];
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'PodMonitor/mlops-inference-api',
      'PodMonitor/mlops-minio',
      'PrometheusRule/mlops-rules',
      'ConfigMap/mlops-dashboard',
    ]);
    const podMonitor = docs[0];
    expect(podMonitor.spec.namespaceSelector).toEqual({ matchNames: ['tenant-a', 'tenant-b'] });
    expect(podMonitor.spec.podMetricsEndpoints[0].relabelings).toContainEqual({
      targetLabel: 'job',
      replacement: 'inference-api',
    });
    expect(docs[2].spec).toEqual(
      toRuleFile([
        { name: 'tenant-a', maxReplicas: 10, limitsCpuCores: 1, limitsMemoryBytes: 512 * 2 ** 20 },
        { name: 'tenant-b', maxReplicas: 10, limitsCpuCores: 1, limitsMemoryBytes: 512 * 2 ** 20 },
      ]),
    );
    expect(docs[3].metadata.labels.grafana_dashboard).toBe('1');
    expect(docs.every((d) => d.metadata.labels.release === 'kube-prometheus-stack')).toBe(true);
    expect(files.find((f) => f.name === '00-namespaces.yaml')!.documents.map((d) => d.metadata.name)).not.toContain(
      'monitoring',
    );
  });

  it('refuses a custom resource that lacks the fields the operator needs', async () => {
    const { checkSchema } = await import('../../src/guardrails/check-schema.js');
    expect(
      checkSchema({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: { name: 'x' }, spec: {} }),
    ).toBe("/spec must have 'selector', 'podMetricsEndpoints'");
  });
});
