import { parse } from 'yaml';
import { CONFIG_CONFIG_MAP, CONFIG_FILE, RULES_CONFIG_MAP } from '../../src/addons/monitoring/to-prometheus.js';
import type { Manifest } from '../../src/manifest/manifest.js';
import { configWith, find, monitoringObjects } from '../support/monitoring-fixtures.js';

const objects = monitoringObjects(configWith(2));
const prometheusYml = (o: readonly Manifest[]) => parse(find(o, 'ConfigMap', CONFIG_CONFIG_MAP).data[CONFIG_FILE]);
const podSpec = (name: string) => find(objects, 'Deployment', name).spec.template.spec;

describe('standalone monitoring', () => {
  it('discovers tenant API pods by label in any namespace, with no namespace list', () => {
    const job = prometheusYml(objects).scrape_configs.find((j: any) => j.job_name === 'inference-api');
    expect(job.kubernetes_sd_configs).toEqual([
      { role: 'pod', selectors: [{ role: 'pod', label: 'app.kubernetes.io/name=ml-inference,mlops.platform/tenant' }] },
    ]);
    expect(job.relabel_configs).toContainEqual({
      source_labels: ['__meta_kubernetes_pod_label_mlops_platform_tenant'],
      target_label: 'tenant',
    });
    expect(JSON.stringify(prometheusYml(objects))).not.toContain('tenant-1');
  });

  it('sends alerts to the platform Alertmanager and scrapes kube-state-metrics with its own labels', () => {
    const config = prometheusYml(objects);
    expect(config.alerting.alertmanagers[0].static_configs[0].targets).toEqual([
      'alertmanager.monitoring.svc.cluster.local:9093',
    ]);
    const ksm = config.scrape_configs.find((j: any) => j.job_name === 'kube-state-metrics');
    expect(ksm.honor_labels).toBe(true);
  });

  it.each([
    ['minio', true],
    ['s3', false],
  ])('scrapes MinIO only when the profile runs it (objectStorage %s)', (type, scraped) => {
    const config = configWith(2, (p) => {
      p.objectStorage =
        type === 's3'
          ? {
              type: 's3',
              region: 'eu-west-1',
              bucket: 'acme-mlops-models',
              roleArnPrefix: 'arn:aws:iam::123456789012:role/mlops-',
            }
          : { type };
    });
    const jobs = prometheusYml(monitoringObjects(config)).scrape_configs.map((j: any) => j.job_name);
    expect(jobs.includes('minio')).toBe(scraped);
  });

  it('keeps 30-monitoring.yaml byte-identical from 2 to 100 tenants: adding a tenant changes nothing Prometheus reads', () => {
    const two = JSON.stringify(objects);
    expect(JSON.stringify(monitoringObjects(configWith(3)))).toBe(two);
    expect(JSON.stringify(monitoringObjects(configWith(100)))).toBe(two);
  });

  it('reloads Prometheus and Alertmanager on config change: whole-directory mounts watched by the config-reloader', () => {
    for (const [name, port, volumes] of [
      ['prometheus', 9090, ['config', 'rules']],
      ['alertmanager', 9093, ['config']],
    ] as const) {
      const spec = podSpec(name);
      const mounts = spec.containers.flatMap((c: any) => c.volumeMounts ?? []);
      expect(mounts.filter((m: any) => m.subPath)).toEqual([]);
      const reloader = spec.containers.find((c: any) => c.name === 'config-reloader');
      expect(reloader.args).toContain(`--reload-url=http://127.0.0.1:${port}/-/reload`);
      const main = spec.containers.find((c: any) => c.name === name);
      for (const volume of volumes) {
        const path = main.volumeMounts.find((m: any) => m.name === volume).mountPath;
        expect(reloader.args).toContain(`--watched-dir=${path}`);
      }
    }
    expect(podSpec('prometheus').containers[0].args).toContain('--web.enable-lifecycle');
    expect(find(objects, 'ConfigMap', RULES_CONFIG_MAP)).toBeDefined();
  });

  it('mounts no ConfigMap with subPath anywhere in monitoring (subPath mounts never see updates)', () => {
    const deployments = objects.filter((o) => o.kind === 'Deployment') as any[];
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'alertmanager',
      'grafana',
      'kube-state-metrics',
      'prometheus',
    ]);
    for (const d of deployments)
      for (const c of d.spec.template.spec.containers)
        for (const m of c.volumeMounts ?? []) expect(m.subPath).toBeUndefined();
  });

  it('gives kube-state-metrics list/watch on exactly the kinds the rules use, and runs it with restricted security', () => {
    expect(find(objects, 'ClusterRole', 'mlops-kube-state-metrics').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list', 'watch'] },
      { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['list', 'watch'] },
    ]);
    expect(podSpec('kube-state-metrics').containers[0].args).toContain(
      '--resources=pods,deployments,horizontalpodautoscalers',
    );
    expect(podSpec('kube-state-metrics').securityContext.runAsNonRoot).toBe(true);
  });

  it('runs Alertmanager as a single replica with probes, limits, an emptyDir and the optional receivers Secret', () => {
    const spec = podSpec('alertmanager');
    const main = spec.containers[0];
    expect(main.args).toContain('--cluster.listen-address=');
    expect(main.readinessProbe.httpGet.path).toBe('/-/ready');
    expect(main.resources.limits).toEqual({ cpu: '200m', memory: '256Mi' });
    expect(spec.volumes).toContainEqual({
      name: 'secrets',
      secret: { secretName: 'alertmanager-receivers', optional: true },
    });
    expect(spec.volumes).toContainEqual({ name: 'data', emptyDir: { sizeLimit: '256Mi' } });
  });

  it.each<[string, string[], boolean]>([
    ['no receiver address: Alertmanager gets no egress but DNS', [], false],
    ['receiver CIDRs: egress to exactly those', ['203.0.113.0/24'], true],
  ])('%s', (_, cidrs, hasEgress) => {
    const config = configWith(2, (p) => {
      p.monitoring = { mode: 'standalone', alerting: { egressCidrs: cidrs } };
    });
    const policies = monitoringObjects(config).filter((o) => o.kind === 'NetworkPolicy') as any[];
    const egress = policies.find((p) => p.metadata.name === 'allow-alertmanager-egress-to-receivers');
    expect(Boolean(egress)).toBe(hasEgress);
    if (egress) expect(egress.spec.egress[0].to).toEqual(cidrs.map((cidr) => ({ ipBlock: { cidr } })));
    const ingress = policies.find((p) => p.metadata.name === 'allow-alertmanager-ingress-from-prometheus');
    expect(ingress.spec.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
        ports: [{ protocol: 'TCP', port: 9093 }],
      },
    ]);
  });
});
