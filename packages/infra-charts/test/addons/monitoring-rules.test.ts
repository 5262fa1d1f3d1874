import { exposedMetricNames } from '@mlops/shared';
import { parse } from 'yaml';
import { DASHBOARD_PANELS } from '../../src/addons/monitoring/monitoring-dashboard.js';
import {
  alertRules,
  RECORDING_RULES,
  type RuleScope,
  toAlertEntries,
  toRuleFile,
} from '../../src/addons/monitoring/monitoring-rules.js';
import { RULES_CONFIG_MAP, RULES_FILE } from '../../src/addons/monitoring/to-prometheus.js';
import { findBadReferences } from '../support/check-metric-references.js';
import { configWith, find, monitoringObjects } from '../support/monitoring-fixtures.js';
import { PLATFORM_CASES, TENANT_CASES } from '../support/rule-test-cases.js';

/** kube-state-metrics series the rules and dashboard read (KSM v2 names). */
const KSM = [
  'kube_pod_container_resource_limits',
  'kube_pod_container_resource_requests',
  'kube_pod_container_status_restarts_total',
  'kube_pod_container_status_waiting_reason',
  'kube_pod_status_ready',
  'kube_deployment_status_replicas_available',
  'kube_horizontalpodautoscaler_status_current_replicas',
  'kube_horizontalpodautoscaler_status_desired_replicas',
  'kube_horizontalpodautoscaler_spec_max_replicas',
];
const known = new Set([...exposedMetricNames(), ...RECORDING_RULES.map((r) => r.record), ...KSM, 'up']);
// prom-client's default metrics, under their standard names.
const prefixes = ['process_', 'nodejs_'];
const FULL: RuleScope = { objectStorage: 'minio', ownKubeStateMetrics: true };

describe('monitoring rules', () => {
  it('every rule and panel expression parses and refers only to metrics something exposes', () => {
    const exprs = [
      ...RECORDING_RULES.map((r) => r.expr),
      ...alertRules(FULL).map((a) => a.expr),
      ...DASHBOARD_PANELS.flatMap((p) => p.targets.map((t) => t.expr)),
    ];
    expect(findBadReferences(exprs, known, prefixes)).toEqual([]);
  });

  it('catches a typo in a metric name and a syntax error', () => {
    expect(findBadReferences(['rate(mlops_http_request_total[5m])', 'sum(rate(up[5m]'], known, prefixes)).toEqual([
      'unknown metric "mlops_http_request_total" in: rate(mlops_http_request_total[5m])',
      'PromQL syntax error in: sum(rate(up[5m]',
    ]);
  });

  it('has a promtool unit-test case for every alert, and no case for an alert that does not exist', () => {
    const tested = [...TENANT_CASES, ...PLATFORM_CASES].map((c) => c.alert).sort();
    expect(tested).toEqual(
      alertRules(FULL)
        .map((r) => r.alert)
        .sort(),
    );
  });

  it('bakes no tenant name and no limit into any rule: limits and HPA bounds come from kube-state-metrics', () => {
    const text = JSON.stringify(toRuleFile(FULL));
    expect(text).not.toMatch(/tenant-[a-z0-9]/);
    expect(text).not.toMatch(/\/ \d{4,}/);
    const memory = alertRules(FULL).find((a) => a.alert === 'InferenceMemoryNearLimit')!;
    expect(memory.expr).toContain('tenant_pod:kube_pod_container_resource_limits_memory_bytes:max');
    const hpa = alertRules(FULL).find((a) => a.alert === 'InferenceHPAAtMaxReplicas')!;
    expect(hpa.expr).toContain('tenant:kube_horizontalpodautoscaler_spec_max_replicas:max');
  });

  it.each<[string, RuleScope, string[], string[]]>([
    ['standalone with MinIO', FULL, ['ObjectStorageDown', 'KubeStateMetricsDown'], []],
    [
      'standalone with S3',
      { objectStorage: 's3', ownKubeStateMetrics: true },
      ['KubeStateMetricsDown'],
      ['ObjectStorageDown'],
    ],
    [
      'operator mode with MinIO',
      { objectStorage: 'minio', ownKubeStateMetrics: false },
      ['ObjectStorageDown'],
      ['KubeStateMetricsDown'],
    ],
  ])('is mode-aware (%s): alerts only for the components the profile deploys', (_, scope, present, absent) => {
    const names = alertRules(scope).map((a) => a.alert);
    expect(names).toEqual(expect.arrayContaining(present));
    for (const a of absent) expect(names).not.toContain(a);
    if (absent.includes('ObjectStorageDown')) for (const a of alertRules(scope)) expect(a.expr).not.toContain('minio');
  });

  it('gives every alert a severity, a summary, a description and a runbook_url into docs/runbooks.md', () => {
    for (const rule of toAlertEntries(FULL, 'https://example.com/runbooks.md')) {
      expect(['critical', 'warning']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      expect(rule.annotations.description.length).toBeGreaterThan(10);
      expect(rule.annotations.runbook_url).toBe(`https://example.com/runbooks.md#${rule.alert.toLowerCase()}`);
    }
  });

  it('keeps the rule file identical (so its size is constant) from 2 to 100 tenants', () => {
    const rulesOf = (n: number) =>
      find(monitoringObjects(configWith(n)), 'ConfigMap', RULES_CONFIG_MAP).data[RULES_FILE];
    const two = rulesOf(2);
    expect(rulesOf(100)).toBe(two);
    expect(parse(two).groups[1].rules.length).toBe(alertRules(FULL).length);
  });
});
