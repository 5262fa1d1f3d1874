import { validatePlatformConfig } from '../../src/config/index.js';
import { runGuardrails } from '../../src/guardrails/run-guardrails.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { verifyProfile } from '../../src/verify/verify-profile.js';
import { rawDefaultConfig } from '../fixtures.js';

type Raw = ReturnType<typeof rawDefaultConfig> & { profiles: Record<string, Record<string, unknown>> };

function eksWith(monitoring: Record<string, unknown>) {
  const raw = rawDefaultConfig() as Raw;
  raw.profiles.eks!.monitoring = monitoring;
  // These cases are about the monitoring stack next to the in-cluster MinIO (the S3 case is below).
  raw.profiles.eks!.objectStorage = { type: 'minio' };
  return synthesizeProfile(validatePlatformConfig(raw), 'eks');
}
const docsOf = (files: ReturnType<typeof eksWith>, name: string) =>
  files.find((f) => f.name === name)!.documents as any[];
const apiIngress = (files: ReturnType<typeof eksWith>) =>
  docsOf(files, '50-tenant-tenant-a.yaml').find((d) => d.metadata.name === 'allow-api-ingress').spec.ingress[0].from[1];

describe('operator mode (kube-prometheus-stack)', () => {
  it.each([
    ['standalone', { mode: 'standalone' }],
    ['operator, stock', { mode: 'operator' }],
    [
      'operator, custom release and namespace',
      { mode: 'operator', operator: { namespace: 'observability', release: 'prom' } },
    ],
  ])('synthesizes and passes every pnpm verify check (%s)', async (_, monitoring) => {
    const result = await verifyProfile('eks', eksWith(monitoring));
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.checks.filter((c) => /^monitoring -> tenant-a API port/.test(c.name))).toHaveLength(1);
  });

  it('emits label-selected PodMonitors, a PrometheusRule and a sidecar dashboard with the chart defaults', async () => {
    const files = eksWith({ mode: 'operator' });
    expect(await runGuardrails(files)).toEqual([]);
    const docs = docsOf(files, '30-monitoring.yaml');
    expect(docs.map((d) => `${d.kind}/${d.metadata.namespace}/${d.metadata.name}`)).toEqual([
      'PodMonitor/monitoring/mlops-inference-api',
      'PodMonitor/monitoring/mlops-minio',
      'PrometheusRule/monitoring/mlops-rules',
      'ConfigMap/monitoring/mlops-dashboard',
    ]);
    expect(docs[0].spec.namespaceSelector).toEqual({ any: true });
    expect(docs[0].spec.selector.matchExpressions).toEqual([{ key: 'mlops.platform/tenant', operator: 'Exists' }]);
    expect(docs.slice(0, 3).every((d) => d.metadata.labels.release === 'kube-prometheus-stack')).toBe(true);
    expect(docs[3].metadata.labels.grafana_dashboard).toBe('1');
    const alerts = docs[2].spec.groups[1].rules.map((r: any) => r.alert);
    expect(alerts).not.toContain('KubeStateMetricsDown');
    expect(docsOf(files, '00-namespaces.yaml').map((d) => d.metadata.name)).not.toContain('monitoring');
  });

  it('admits only the stack Prometheus pods to the tenant API port', () => {
    expect(apiIngress(eksWith({ mode: 'operator' }))).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
      podSelector: {
        matchLabels: {
          'app.kubernetes.io/name': 'prometheus',
          'operator.prometheus.io/name': 'kube-prometheus-stack-prometheus',
        },
      },
    });
  });

  it('takes release, namespace, selectors and Prometheus pod labels from the config', () => {
    const files = eksWith({
      mode: 'operator',
      operator: {
        namespace: 'observability',
        release: 'prom',
        podMonitorSelector: { team: 'ml' },
        ruleSelector: { rules: 'ml' },
        prometheusPodLabels: { prometheus: 'main' },
      },
    });
    const docs = docsOf(files, '30-monitoring.yaml');
    expect(docs.every((d) => d.metadata.namespace === 'observability')).toBe(true);
    expect(docs[0].metadata.labels.team).toBe('ml');
    expect(docs[2].metadata.labels.rules).toBe('ml');
    expect(docs[0].metadata.labels.release).toBeUndefined();
    expect(apiIngress(files)).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } },
      podSelector: { matchLabels: { prometheus: 'main' } },
    });
  });

  it('fails verify when the tenant policy admits the whole stack namespace (the check can fail)', async () => {
    const files = eksWith({ mode: 'operator' }).map((f) =>
      f.name !== '50-tenant-tenant-a.yaml'
        ? f
        : {
            ...f,
            documents: f.documents.map((d: any) =>
              d.metadata.name !== 'allow-api-ingress'
                ? d
                : {
                    ...d,
                    spec: {
                      ...d.spec,
                      ingress: [
                        {
                          ...d.spec.ingress[0],
                          from: [{ namespaceSelector: d.spec.ingress[0].from[1].namespaceSelector }],
                        },
                      ],
                    },
                  },
            ),
          },
    );
    const failed = (await verifyProfile('eks', files)).checks.filter((c) => !c.ok).map((c) => c.name);
    expect(failed).toContain('tenant-a: no other ingress');
  });

  it('emits no MinIO PodMonitor and no MinIO alert when the profile uses S3', () => {
    const raw = rawDefaultConfig() as Raw;
    raw.profiles.eks!.monitoring = { mode: 'operator' };
    raw.profiles.eks!.objectStorage = {
      type: 's3',
      region: 'eu-west-1',
      bucket: 'acme-mlops-models',
      roleArnPrefix: 'arn:aws:iam::123456789012:role/mlops-',
    };
    const docs = docsOf(synthesizeProfile(validatePlatformConfig(raw), 'eks'), '30-monitoring.yaml');
    expect(docs.map((d) => d.metadata.name)).toEqual(['mlops-inference-api', 'mlops-rules', 'mlops-dashboard']);
    expect(JSON.stringify(docs[1].spec)).not.toContain('minio');
  });

  it('refuses a mode it does not know, naming the allowed ones', () => {
    expect(() => eksWith({ mode: 'prometheus-operator' })).toThrow(/standalone.*operator/);
  });
});
