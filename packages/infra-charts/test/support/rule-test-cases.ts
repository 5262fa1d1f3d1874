import { alertRules, type RuleScope, toAlertEntries } from '../../src/addons/monitoring/monitoring-rules.js';

/** A tenant as the cluster describes it to Prometheus (kube-state-metrics series), for promtool unit tests. */
export interface TenantFixture {
  readonly name: string;
  readonly maxReplicas: number;
  readonly limitsCpuCores: number;
  readonly limitsMemoryBytes: number;
}

/** Two tenants with different limits and autoscaler ceilings: one rule set must judge each by its own. */
export const TENANT_A: TenantFixture = {
  name: 'tenant-a',
  maxReplicas: 3,
  limitsCpuCores: 0.5,
  limitsMemoryBytes: 512 * 2 ** 20,
};
export const TENANT_B: TenantFixture = {
  name: 'tenant-b',
  maxReplicas: 10,
  limitsCpuCores: 2,
  limitsMemoryBytes: 2 ** 30,
};

type Series = ReadonlyArray<readonly [string, string]>;
type Labels = Readonly<Record<string, string>>;

/** An alert of every tenant: the series of one tenant, healthy or not, and the labels it fires with. */
interface TenantCase {
  readonly alert: string;
  readonly evalTime: string;
  readonly series: (t: TenantFixture, bad: boolean) => Series;
  readonly labels: (t: TenantFixture) => Labels;
  readonly value?: (t: TenantFixture) => string;
}

/** An alert of a platform component (no tenant). */
interface PlatformCase {
  readonly alert: string;
  readonly evalTime: string;
  readonly firing: Series;
  readonly quiet: Series;
  readonly labels: Labels;
}

const pod = (t: TenantFixture) => `${t.name}-ml-inference-p1`;
const api = (t: TenantFixture) => `job="inference-api",tenant="${t.name}",namespace="${t.name}",pod="${pod(t)}"`;
const ksm = (t: TenantFixture, extra = '') => `namespace="${t.name}",pod="${pod(t)}",container="inference-api"${extra}`;
const podLabels = (t: TenantFixture) => ({ tenant: t.name, namespace: t.name, pod: pod(t) });
const tenantOnly = (t: TenantFixture) => ({ tenant: t.name });

/** kube-state-metrics limits of a tenant's pod, as the cluster reports them. */
export const limitSeries = (t: TenantFixture): Series => [
  [`kube_pod_container_resource_limits{${ksm(t, ',resource="memory",unit="byte"')}}`, `${t.limitsMemoryBytes}x40`],
  [`kube_pod_container_resource_limits{${ksm(t, ',resource="cpu",unit="core"')}}`, `${t.limitsCpuCores}x40`],
];
const bucket = (t: TenantFixture, le: string, values: string) =>
  [`mlops_http_request_duration_seconds_bucket{${api(t)},route="/predict",le="${le}"}`, values] as const;
const requests = (t: TenantFixture, status: string, values: string) =>
  [`mlops_http_requests_total{${api(t)},route="/predict",method="POST",status="${status}"}`, values] as const;
const perMinute = (cores: number) => String(Math.round(cores * 60 * 1000) / 1000);

/** A firing and a quiet case for every tenant alert, sized to each tenant's own limits. */
export const TENANT_CASES: readonly TenantCase[] = [
  {
    alert: 'InferenceHighLatencyP99',
    evalTime: '20m',
    series: (t, bad) => [
      ...['0.1', '0.5', '1'].map((le) => bucket(t, le, bad ? '0x30' : '0+60x30')),
      bucket(t, '+Inf', '0+60x30'),
    ],
    labels: tenantOnly,
  },
  {
    alert: 'InferenceHighErrorRate',
    evalTime: '20m',
    series: (t, bad) => [requests(t, '500', bad ? '0+30x30' : '0x30'), requests(t, '200', '0+30x30')],
    labels: tenantOnly,
  },
  {
    alert: 'InferenceSheddingRequests',
    evalTime: '25m',
    series: (t, bad) => [
      [`mlops_http_requests_shed_total{${api(t)},reason="queue_full"}`, bad ? '0+30x30' : '0x30'],
      requests(t, '200', '0+600x30'),
    ],
    labels: tenantOnly,
  },
  {
    alert: 'InferenceRateLimiting',
    evalTime: '30m',
    series: (t, bad) => [
      [`mlops_http_requests_rate_limited_total{${api(t)},reason="rate"}`, bad ? '0+60x40' : '0+6x40'],
      [`mlops_http_requests_total{${api(t)},route="/predict",method="POST",status="429"}`, bad ? '0+60x40' : '0+6x40'],
      requests(t, '200', '0+540x40'),
    ],
    labels: tenantOnly,
  },
  {
    alert: 'InferenceModelNotReady',
    evalTime: '10m',
    series: (t, bad) => [[`mlops_model_ready{${api(t)}}`, bad ? '0x20' : '1x20']],
    labels: tenantOnly,
  },
  {
    alert: 'InferenceModelReloadFailing',
    evalTime: '5m',
    series: (t, bad) => [[`mlops_model_reloads_total{${api(t)},result="failure"}`, bad ? '0 0 1 1 1 1' : '0x10']],
    labels: tenantOnly,
  },
  {
    alert: 'InferenceScrapeTargetDown',
    evalTime: '10m',
    series: (t, bad) => [[`up{${api(t)}}`, bad ? '0x15' : '1x15']],
    labels: (t) => ({ job: 'inference-api', ...podLabels(t) }),
  },
  {
    alert: 'InferenceMemoryNearLimit',
    evalTime: '15m',
    series: (t, bad) => [
      ...limitSeries(t),
      [`process_resident_memory_bytes{${api(t)}}`, `${Math.round(t.limitsMemoryBytes * (bad ? 0.95 : 0.5))}x20`],
    ],
    labels: podLabels,
  },
  {
    alert: 'InferenceCpuNearLimit',
    evalTime: '20m',
    series: (t, bad) => [
      ...limitSeries(t),
      [`process_cpu_seconds_total{${api(t)}}`, `0+${perMinute(t.limitsCpuCores * (bad ? 0.96 : 0.2))}x30`],
    ],
    labels: podLabels,
  },
  {
    alert: 'InferencePodRestarting',
    evalTime: '6m',
    series: (t, bad) => [[`kube_pod_container_status_restarts_total{${ksm(t)}}`, bad ? '0 0 1 2 3 4 5' : '1x10']],
    labels: podLabels,
  },
  {
    alert: 'InferencePodCrashLooping',
    evalTime: '10m',
    series: (t, bad) => [
      [`kube_pod_container_status_waiting_reason{${ksm(t)},reason="CrashLoopBackOff"}`, bad ? '1x15' : '0x15'],
    ],
    labels: podLabels,
  },
  {
    alert: 'InferencePodNotReady',
    evalTime: '15m',
    series: (t, bad) => [
      [`kube_pod_status_ready{namespace="${t.name}",pod="${pod(t)}",condition="false"}`, bad ? '1x20' : '0x20'],
      [`kube_pod_status_ready{namespace="${t.name}",pod="${pod(t)}",condition="true"}`, bad ? '0x20' : '1x20'],
    ],
    labels: podLabels,
  },
  {
    alert: 'InferenceNoReadyReplica',
    evalTime: '10m',
    series: (t, bad) => [
      [
        `kube_deployment_status_replicas_available{namespace="${t.name}",deployment="${t.name}-ml-inference"}`,
        bad ? '0x15' : '2x15',
      ],
    ],
    labels: (t) => ({ tenant: t.name, namespace: t.name }),
  },
  {
    alert: 'InferenceHPAAtMaxReplicas',
    evalTime: '20m',
    series: (t, bad) => {
      const hpa = `namespace="${t.name}",horizontalpodautoscaler="${t.name}-ml-inference-hpa"`;
      return [
        [`kube_horizontalpodautoscaler_spec_max_replicas{${hpa}}`, `${t.maxReplicas}x25`],
        [`kube_horizontalpodautoscaler_status_current_replicas{${hpa}}`, `${t.maxReplicas - (bad ? 0 : 1)}x25`],
      ];
    },
    labels: (t) => ({ tenant: t.name, namespace: t.name }),
    value: (t) => String(t.maxReplicas),
  },
];

/** Alerts of platform components, present only where the profile deploys them. */
export const PLATFORM_CASES: readonly PlatformCase[] = [
  {
    alert: 'KubeStateMetricsDown',
    evalTime: '15m',
    firing: [['up{job="kube-state-metrics",instance="ksm"}', '0x20']],
    quiet: [['up{job="kube-state-metrics",instance="ksm"}', '1x20']],
    labels: {},
  },
  {
    alert: 'ObjectStorageDown',
    evalTime: '10m',
    firing: [['up{job="minio",instance="minio"}', '0x15']],
    quiet: [['up{job="minio",instance="minio"}', '1x15']],
    labels: { job: 'minio', instance: 'minio' },
  },
];

/** Fills `{{ $labels.x }}` and `{{ $value }}` as Prometheus would, so expected annotations are exact. */
function expand(template: string, labels: Labels, value: string): string {
  return template
    .replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '')
    .replace(/\{\{ \$value \}\}/g, value);
}

/**
 * The promtool unit-test file for a rule file. For each tenant alert: only tenant A misbehaves (exactly A's
 * alert), only tenant B misbehaves (exactly B's), both healthy (nothing). Platform alerts: firing and quiet.
 */
export function toPromtoolTests(ruleFile: string, scope: RuleScope, runbookBase?: string) {
  const annotations = new Map(
    toAlertEntries(scope, runbookBase).map((r) => [r.alert, { ...r.annotations, ...r.labels }]),
  );
  const present = new Set(alertRules(scope).map((r) => r.alert));
  const expected = (alert: string, labels: Labels, value = '') => {
    const { severity, summary, description, runbook_url } = annotations.get(alert)!;
    const all = { ...labels, severity };
    return {
      exp_labels: all,
      exp_annotations: {
        summary: expand(summary, all, value),
        description: expand(description, all, value),
        runbook_url,
      },
    };
  };
  const test = (alert: string, evalTime: string, series: Series, exp: object[]) => ({
    interval: '1m',
    input_series: series.map(([s, values]) => ({ series: s, values })),
    alert_rule_test: [{ eval_time: evalTime, alertname: alert, exp_alerts: exp }],
  });
  const tenantTests = TENANT_CASES.flatMap((c) => {
    const fired = (t: TenantFixture) => [expected(c.alert, c.labels(t), c.value?.(t))];
    return [
      test(c.alert, c.evalTime, [...c.series(TENANT_A, true), ...c.series(TENANT_B, false)], fired(TENANT_A)),
      test(c.alert, c.evalTime, [...c.series(TENANT_A, false), ...c.series(TENANT_B, true)], fired(TENANT_B)),
      test(c.alert, c.evalTime, [...c.series(TENANT_A, false), ...c.series(TENANT_B, false)], []),
    ];
  });
  const platformTests = PLATFORM_CASES.filter((c) => present.has(c.alert)).flatMap((c) => [
    test(c.alert, c.evalTime, c.firing, [expected(c.alert, c.labels)]),
    test(c.alert, c.evalTime, c.quiet, []),
  ]);
  // The same absolute usage for both tenants: over A's limit, under B's. Only the limit series tell them apart.
  const memory = Math.round(TENANT_A.limitsMemoryBytes * 0.93);
  const cores = TENANT_A.limitsCpuCores * 0.96;
  const sameUsage = (t: TenantFixture): Series => [
    ...limitSeries(t),
    [`process_resident_memory_bytes{${api(t)}}`, `${memory}x30`],
    [`process_cpu_seconds_total{${api(t)}}`, `0+${perMinute(cores)}x30`],
  ];
  const both = [...sameUsage(TENANT_A), ...sameUsage(TENANT_B)];
  const limitTests = ['InferenceMemoryNearLimit', 'InferenceCpuNearLimit'].map((alert) =>
    test(alert, '20m', both, [expected(alert, podLabels(TENANT_A))]),
  );
  return {
    rule_files: [ruleFile],
    evaluation_interval: '1m',
    tests: [...tenantTests, ...limitTests, ...platformTests],
  };
}
