import { alertRules, type TenantLimits } from './monitoring-rules.js';

/** A tenant to test rules against when no config is at hand. */
export const TEST_TENANT: TenantLimits = {
  name: 'tenant-a',
  maxReplicas: 3,
  limitsCpuCores: 0.5,
  limitsMemoryBytes: 402_653_184,
};

type Series = ReadonlyArray<readonly [string, string]>;

/** One alert's unit test: series that make it fire, series that keep it quiet, and the labels it fires with. */
interface AlertCase {
  readonly alert: string;
  readonly evalTime: string;
  readonly firing: Series;
  readonly quiet: Series;
  readonly labels: Readonly<Record<string, string>>;
}

/** A firing and a quiet case for every alert the platform defines, sized to one tenant's limits. */
export function alertCases(t: TenantLimits): AlertCase[] {
  const tenant = t.name;
  const POD = `job="inference-api",tenant="${tenant}",pod="p1"`;
  const POD_LABELS = { job: 'inference-api', tenant, pod: 'p1' };
  const bucket = (le: string, values: string) =>
    [
      `mlops_http_request_duration_seconds_bucket{job="inference-api",tenant="${tenant}",route="/predict",le="${le}"}`,
      values,
    ] as const;
  const requests = (status: string, values: string) =>
    [
      `mlops_http_requests_total{job="inference-api",tenant="${tenant}",route="/predict",method="POST",status="${status}"}`,
      values,
    ] as const;
  const pods = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => [`up{job="inference-api",tenant="${tenant}",pod="p${i + 1}"}`, '1x25'] as const,
    );
  const memory = (share: number) => String(Math.round(t.limitsMemoryBytes * share));
  const cpuPerMinute = (share: number) => String(Math.round(t.limitsCpuCores * share * 60 * 1000) / 1000);
  return [
    {
      alert: 'InferenceHighLatencyP99',
      evalTime: '20m',
      firing: [bucket('0.1', '0x30'), bucket('0.5', '0x30'), bucket('1', '0x30'), bucket('+Inf', '0+60x30')],
      quiet: [bucket('0.1', '0+60x30'), bucket('0.5', '0+60x30'), bucket('1', '0+60x30'), bucket('+Inf', '0+60x30')],
      labels: { tenant },
    },
    {
      alert: 'InferenceHighErrorRate',
      evalTime: '20m',
      firing: [requests('500', '0+30x30'), requests('200', '0+30x30')],
      quiet: [requests('500', '0x30'), requests('200', '0+30x30')],
      labels: { tenant },
    },
    {
      alert: 'InferencePodRestartLoop',
      evalTime: '6m',
      firing: [[`mlops_process_start_time_seconds{${POD}}`, '100 100 200 300 400 500 600']],
      quiet: [[`mlops_process_start_time_seconds{${POD}}`, '100x10']],
      labels: POD_LABELS,
    },
    {
      alert: 'InferenceModelNotReady',
      evalTime: '10m',
      firing: [[`mlops_model_ready{${POD}}`, '0x20']],
      quiet: [[`mlops_model_ready{${POD}}`, '1x20']],
      labels: { tenant },
    },
    {
      alert: 'InferenceModelReloadFailing',
      evalTime: '5m',
      firing: [[`mlops_model_reloads_total{${POD},result="failure"}`, '0 0 1 1 1 1']],
      quiet: [[`mlops_model_reloads_total{${POD},result="failure"}`, '0x10']],
      labels: { ...POD_LABELS, result: 'failure' },
    },
    {
      alert: 'InferenceScrapeTargetDown',
      evalTime: '10m',
      firing: [[`up{${POD}}`, '0x15']],
      quiet: [[`up{${POD}}`, '1x15']],
      labels: POD_LABELS,
    },
    {
      alert: 'ObjectStorageDown',
      evalTime: '10m',
      firing: [['up{job="minio",instance="minio"}', '0x15']],
      quiet: [['up{job="minio",instance="minio"}', '1x15']],
      labels: { job: 'minio', instance: 'minio' },
    },
    {
      alert: 'InferenceHPAAtMaxReplicas',
      evalTime: '20m',
      firing: pods(t.maxReplicas),
      quiet: pods(t.maxReplicas - 1),
      labels: { tenant },
    },
    {
      alert: 'InferenceNoReadyReplica',
      evalTime: '10m',
      firing: [[`up{${POD}}`, '0x15']],
      quiet: [[`up{${POD}}`, '1x15']],
      labels: { tenant },
    },
    {
      alert: 'InferenceMemoryNearLimit',
      evalTime: '15m',
      firing: [[`mlops_process_resident_memory_bytes{${POD}}`, `${memory(0.95)}x20`]],
      quiet: [[`mlops_process_resident_memory_bytes{${POD}}`, `${memory(0.5)}x20`]],
      labels: POD_LABELS,
    },
    {
      alert: 'InferenceCpuNearLimit',
      evalTime: '20m',
      firing: [[`mlops_process_cpu_seconds_total{${POD}}`, `0+${cpuPerMinute(0.96)}x30`]],
      quiet: [[`mlops_process_cpu_seconds_total{${POD}}`, `0+${cpuPerMinute(0.2)}x30`]],
      labels: POD_LABELS,
    },
  ];
}

/** Fills `{{ $labels.x }}` as Prometheus would, so expected annotations are exact. */
function expand(template: string, labels: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '');
}

/**
 * The promtool unit-test file for a rule file: each alert fires on its firing series and stays quiet on the
 * others. The other tenants of the same rule file get one healthy pod, so their own alerts stay quiet.
 */
export function toPromtoolTests(
  ruleFile: string,
  tenant: TenantLimits = TEST_TENANT,
  otherTenants: readonly string[] = [],
) {
  const healthyOthers = otherTenants.map(
    (name) => [`up{job="inference-api",tenant="${name}",pod="other"}`, '1x30'] as const,
  );
  const rules = new Map(alertRules([tenant]).map((r) => [r.alert, r]));
  return {
    rule_files: [ruleFile],
    evaluation_interval: '1m',
    tests: alertCases(tenant).flatMap((c) => {
      const rule = rules.get(c.alert);
      if (!rule) throw new Error(`no alert rule named ${c.alert}`);
      const labels = { ...c.labels, ...rule.labels, severity: rule.severity };
      const annotations = {
        summary: expand(rule.summary, labels),
        description: expand(rule.description, labels),
        runbook: expand(rule.runbook, labels),
      };
      const test = (series: Series, firing: boolean) => ({
        interval: '1m',
        input_series: [...series, ...healthyOthers].map(([s, values]) => ({ series: s, values })),
        alert_rule_test: [
          {
            eval_time: c.evalTime,
            alertname: c.alert,
            exp_alerts: firing ? [{ exp_labels: labels, exp_annotations: annotations }] : [],
          },
        ],
      });
      return [test(c.firing, true), test(c.quiet, false)];
    }),
  };
}
