import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../src/cli/repo-paths.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import { workloadRefOf } from '../../src/manifest/workload-ref.js';
import {
  resolveTenant,
  toApiDeployment,
  toApiDisruptionBudget,
  toGpuScaledObject,
  toResourceQuota,
} from '../../src/tenant/index.js';

type Raw = Record<string, any>;
const example = (): Raw => parse(readFileSync(join(REPO_ROOT, 'examples/eks-s3-gpu.config.yaml'), 'utf8'));
/** One tenant of the EKS example, after `mutate` changed the raw config. */
function spec(tenant: 'tenant-a' | 'tenant-gpu', mutate: (raw: Raw) => void = () => {}) {
  const raw = example();
  mutate(raw);
  const config = validatePlatformConfig(raw);
  const t = config.tenants.find((x) => x.name === tenant);
  if (!t || !config.profiles.eks) throw new Error('example lacks the tenant or eks');
  return resolveTenant(config.platform, config.profiles.eks, t);
}
const apiOf = (s: ReturnType<typeof spec>) => workloadRefOf(toApiDeployment(s));
const podOf = (s: ReturnType<typeof spec>) => toApiDeployment(s).spec?.template.spec as Record<string, any>;

describe('PodDisruptionBudget from the replica bounds', () => {
  it.each<[string, Record<string, unknown>, Record<string, number>]>([
    ['min 1 (a drain must still proceed)', { replicas: { min: 1, max: 4 } }, { maxUnavailable: 1 }],
    ['min 2', { replicas: { min: 2, max: 10 } }, { maxUnavailable: 1 }],
    [
      'an explicit minAvailable below min',
      { replicas: { min: 3, max: 10 }, disruption: { minAvailable: 2 } },
      { minAvailable: 2 },
    ],
  ])('%s', (_name, tenant, expected) => {
    const s = spec('tenant-a', (r) => Object.assign(r.tenants[0], tenant));
    const pdb = toApiDisruptionBudget(s, apiOf(s)).spec as Record<string, unknown>;
    expect(pdb).toMatchObject(expected);
    expect(Object.keys(pdb).filter((k) => k !== 'selector')).toEqual(Object.keys(expected));
  });
});

describe('pod placement', () => {
  it('spreads over zones (DoNotSchedule, as the profile says) and hosts (ScheduleAnyway)', () => {
    const constraints = podOf(spec('tenant-a')).topologySpreadConstraints;
    expect(constraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'DoNotSchedule'],
      ['kubernetes.io/hostname', 'ScheduleAnyway'],
    ]);
  });

  it('lets a tenant turn zone spread off and override the priority class (before -> after)', () => {
    const before = podOf(spec('tenant-a'));
    const after = podOf(
      spec('tenant-a', (r) => (r.tenants[0].scheduling = { zoneSpread: 'off', priorityClassName: 'batch-low' })),
    );
    expect(before.priorityClassName).toBe('mlops-platform-tenants');
    expect(after.priorityClassName).toBe('batch-low');
    expect(after.topologySpreadConstraints.map((c: any) => c.topologyKey)).toEqual(['kubernetes.io/hostname']);
  });

  it('merges profile and tenant node selectors and renders node affinity', () => {
    const pod = podOf(
      spec('tenant-a', (r) => {
        r.profiles.eks.scheduling.nodeSelector = { 'kubernetes.io/arch': 'arm64' };
        r.tenants[0].scheduling = {
          nodeSelector: { 'node.kubernetes.io/lifecycle': 'on-demand' },
          nodeAffinity: {
            preferred: [
              { weight: 50, match: { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] } },
            ],
          },
        };
      }),
    );
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64', 'node.kubernetes.io/lifecycle': 'on-demand' });
    expect(pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      {
        weight: 50,
        preference: {
          matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] }],
        },
      },
    ]);
  });

  it('keeps a CPU tenant off GPU nodes: no GPU toleration, no GPU resources, no GPU quota', () => {
    const s = spec('tenant-a');
    const pod = podOf(s);
    expect(pod.tolerations).toBeUndefined();
    expect(JSON.stringify(pod.containers[0].resources)).not.toContain('nvidia.com/gpu');
    expect(toResourceQuota(s).spec?.hard?.['requests.nvidia.com/gpu']).toBe('0');
    expect(pod.containers[0].image).toBe(`docker.io/mlopsplatform/inference-api:0.1.0@sha256:${'0'.repeat(64)}`);
  });
});

describe('GPU tenants', () => {
  const s = spec('tenant-gpu');
  const pod = podOf(s);

  it('run the GPU image with GPU limits = requests, on GPU nodes, tolerating their taint', () => {
    expect(pod.containers[0].image).toBe('docker.io/mlopsplatform/inference-api-gpu:0.1.0');
    expect(pod.containers[0].resources.requests['nvidia.com/gpu']).toBe('1');
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe('1');
    expect(pod.nodeSelector).toEqual({ 'mlops.platform/gpu': 'true' });
    expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  it('get a GPU quota of count x (max + 1 surge pod)', () => {
    expect(toResourceQuota(s).spec?.hard?.['requests.nvidia.com/gpu']).toBe('5');
  });

  it('scale with KEDA on the queue depth, CPU as the second trigger, min replicas as the fallback', () => {
    const so = toGpuScaledObject(s, apiOf(s));
    expect(so.spec).toMatchObject({
      minReplicaCount: 1,
      maxReplicaCount: 4,
      fallback: { failureThreshold: 3, replicas: 1 },
      advanced: { horizontalPodAutoscalerConfig: { name: 'tenant-gpu-ml-inference-hpa' } },
    });
    expect(so.spec.triggers).toEqual([
      {
        type: 'prometheus',
        name: 'queue',
        metricType: 'AverageValue',
        metadata: {
          serverAddress: 'http://prometheus.monitoring.svc.cluster.local:9090',
          query: 'sum(mlops_model_queue_depth{tenant="tenant-gpu"})',
          threshold: '8',
        },
      },
      { type: 'cpu', name: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
    ]);
  });

  it('scale on a configured GPU metric instead (e.g. DCGM utilization)', () => {
    const custom = spec('tenant-gpu', (r) => {
      r.tenants[1].accelerator.scaleOn = { query: 'avg(DCGM_FI_DEV_GPU_UTIL{namespace="tenant-gpu"})', threshold: 60 };
    });
    expect(toGpuScaledObject(custom, apiOf(custom)).spec.triggers[0]?.metadata).toMatchObject({
      query: 'avg(DCGM_FI_DEV_GPU_UTIL{namespace="tenant-gpu"})',
      threshold: '60',
    });
  });

  it('refuse to build a ScaledObject for a CPU tenant', () => {
    expect(() => toGpuScaledObject(spec('tenant-a'), apiOf(spec('tenant-a')))).toThrow(
      /tenant tenant-a has no accelerator/,
    );
  });
});
