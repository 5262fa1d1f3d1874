import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ADDON_IMAGES } from '../../src/addon-images.js';
import { REPO_ROOT } from '../../src/cli/repo-paths.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import { runGuardrails } from '../../src/guardrails/run-guardrails.js';
import type { Manifest } from '../../src/manifest/manifest.js';
import { registryOf, resolveAddonImage } from '../../src/synth/apply-addon-settings.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { verifyProfile } from '../../src/verify/verify-profile.js';
import { rawDefaultConfig } from '../fixtures.js';

type Raw = Record<string, any>;
const example = (): Raw => parse(readFileSync(join(REPO_ROOT, 'examples/eks-s3-gpu.config.yaml'), 'utf8'));
const synth = (raw: Raw, profile: 'kind' | 'eks' = 'eks') => synthesizeProfile(validatePlatformConfig(raw), profile);
const docsOf = (files: ReturnType<typeof synth>) => files.flatMap((f) => f.documents) as Array<Manifest & Raw>;
const podSpecs = (docs: Array<Manifest & Raw>) =>
  docs
    .filter((d) => ['Deployment', 'StatefulSet', 'Job'].includes(d.kind))
    .map((d) => ({ d, pod: d.spec.template.spec }));

describe('the documented EKS example (S3/IRSA, one GPU tenant)', () => {
  const files = synth(example());
  const docs = docsOf(files);

  it('synthesizes without MinIO or metrics-server, with the scheduling and Karpenter files', () => {
    expect(files.map((f) => f.name)).toEqual([
      '00-namespaces.yaml',
      '05-scheduling.yaml',
      '15-edge.yaml',
      '20-training.yaml',
      '30-monitoring.yaml',
      '40-gpu.yaml',
      '50-tenant-tenant-a.yaml',
      '50-tenant-tenant-gpu.yaml',
    ]);
    expect(docs.filter((d) => d.kind === 'PriorityClass').map((d) => [d.metadata.name, d.value])).toEqual([
      ['mlops-platform-addons', 100000],
      ['mlops-platform-tenants', 1000],
    ]);
    expect(docs.filter((d) => d.metadata.name === 'gpu').map((d) => d.kind)).toEqual(['EC2NodeClass', 'NodePool']);
  });

  it('passes the guardrails (CRDs validated against their KEDA/Karpenter schemas) and every verify check', async () => {
    expect(await runGuardrails(files)).toEqual([]);
    const result = await verifyProfile('eks', files);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    // 3 per IRSA workload: the two tenants and the training Job.
    expect(result.checks.filter((c) => c.name.includes('IRSA'))).toHaveLength(9);
  });

  it('trains in the cluster through IRSA: data from the config, published where the tenants read, no Secret', () => {
    const job = docs.find(
      (d) => d.kind === 'Job' && d.metadata.labels?.['mlops.platform/job'] === 'model-trainer',
    ) as Raw;
    const container = job.spec.template.spec.containers[0];
    expect(container.args).toEqual([
      '--data',
      's3://acme-mlops-data/sst2/train.tsv',
      '--eval',
      's3://acme-mlops-data/sst2/dev.tsv',
      '--out',
      's3://acme-mlops-models-prod/platform',
      '--model-name',
      'sentiment',
    ]);
    expect(container.env).toEqual([{ name: 'S3_REGION', value: 'eu-west-1' }]);
    expect(JSON.stringify(job)).not.toMatch(/secretRef|secretKeyRef/);
    const sa = docs.find((d) => d.kind === 'ServiceAccount' && d.metadata.namespace === 'mlops-system') as Raw;
    expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(
      'arn:aws:iam::123456789012:role/mlops-model-trainer',
    );
    const tenantA = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.namespace === 'tenant-a') as Raw;
    expect(tenantA.data.MODEL_URI).toBe('s3://acme-mlops-models-prod/platform/sentiment');
  });

  it('emits no training Job for an S3 profile without training (before -> after)', () => {
    const raw = example();
    delete raw.profiles.eks.objectStorage.training;
    const after = synth(raw);
    expect(after.map((f) => f.name)).not.toContain('20-training.yaml');
    expect(docsOf(after).filter((d) => d.metadata.name === 'mlops-system')).toEqual([]);
  });

  it('lets only the KEDA operator query Prometheus (monitoring denies ingress by default)', () => {
    const policy = docs.find(
      (d) => d.kind === 'NetworkPolicy' && d.metadata.name === 'allow-prometheus-ingress-from-keda',
    );
    expect(policy?.metadata.namespace).toBe('monitoring');
    expect(policy?.spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'keda' } },
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'keda-operator' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: 9090 }],
        },
      ],
    });
  });

  it('emits no GPU file for a profile without GPU tenants or Karpenter', () => {
    const raw = example();
    raw.tenants = raw.tenants.slice(0, 1);
    delete raw.profiles.eks.routing.hostnames; // its custom hostname names the removed GPU tenant
    delete raw.profiles.eks.gpu.karpenter;
    expect(synth(raw).map((f) => f.name)).not.toContain('40-gpu.yaml');
  });

  it('emits a ScaledObject instead of an HPA for the GPU tenant only', () => {
    const scalers = docs.filter((d) => d.kind === 'ScaledObject' || d.kind === 'HorizontalPodAutoscaler');
    expect(scalers.map((d) => `${d.kind} ${d.metadata.namespace}`)).toEqual([
      'HorizontalPodAutoscaler tenant-a',
      'ScaledObject tenant-gpu',
    ]);
  });

  it('runs add-ons from the registry mirror with the add-on PriorityClass, tenants untouched', () => {
    const pods = podSpecs(docs);
    const addons = pods.filter(({ d }) => !d.metadata.namespace?.startsWith('tenant-'));
    expect(addons.length).toBeGreaterThan(0);
    for (const { pod } of addons) {
      expect(pod.priorityClassName).toBe('mlops-platform-addons');
      // Third-party images come from the mirror; the platform's own trainer image is the profile's, as configured.
      for (const c of pod.containers)
        expect(c.image).toMatch(
          /^(123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/|docker\.io\/mlopsplatform\/model-trainer:0\.1\.0$)/,
        );
    }
    for (const { pod } of pods.filter(({ d }) => d.metadata.namespace?.startsWith('tenant-')))
      expect(pod.priorityClassName).toBe('mlops-platform-tenants');
  });

  it('fails the guardrails on a ScaledObject that breaks the KEDA schema', async () => {
    const broken = files.map((f) => ({ ...f, documents: structuredClone(f.documents) as Manifest[] }));
    const so = docsOf(broken).find((d) => d.kind === 'ScaledObject') as Raw;
    so.spec.triggers[0].metadata.threshold = 8;
    const violations = await runGuardrails(broken);
    expect(violations.map((v) => `${v.object}: ${v.detail}`)).toEqual([
      expect.stringMatching(
        /^ScaledObject tenant-gpu\/tenant-gpu-ml-inference-hpa: \/spec\/triggers\/0\/metadata\/threshold must be string/,
      ),
    ]);
  });
});

describe('the example cluster files agree with the config', () => {
  const readExample = (name: string) => parse(readFileSync(join(REPO_ROOT, 'examples', name), 'utf8'));

  it('labels and taints the eksctl GPU node group as the gpu defaults select and tolerate', () => {
    const cluster = readExample('eksctl-cluster.yaml');
    const gpu = validatePlatformConfig(example()).profiles.eks?.gpu;
    const group = cluster.managedNodeGroups.find((g: Raw) => g.name === 'gpu');
    expect(group.labels).toEqual(gpu?.nodeSelector);
    for (const t of gpu?.tolerations ?? [])
      expect(group.taints).toEqual(expect.arrayContaining([expect.objectContaining({ key: t.key, effect: t.effect })]));
    // IRSA needs the OIDC provider, NetworkPolicies need the VPC CNI to enforce them, the profile relies on the add-on.
    expect(cluster.iam.withOIDC).toBe(true);
    const addons = Object.fromEntries(cluster.addons.map((a: Raw) => [a.name, a]));
    expect(JSON.parse(addons['vpc-cni'].configurationValues)).toEqual({ enableNetworkPolicy: 'true' });
    expect(Object.keys(addons)).toEqual(expect.arrayContaining(['aws-ebs-csi-driver', 'metrics-server']));
    expect(cluster.availabilityZones).toEqual(validatePlatformConfig(example()).profiles.eks?.scheduling.zones);
  });

  it('ships the gp3 StorageClass the eks profile names, valid against the Kubernetes schema', async () => {
    const storageClass = readExample('gp3-storageclass.yaml') as Manifest;
    expect(storageClass.metadata.name).toBe(validatePlatformConfig(example()).profiles.eks?.storageClass);
    expect(await runGuardrails([{ name: 'gp3-storageclass.yaml', documents: [storageClass] }])).toEqual([]);
  });
});

describe('cluster-provided metrics-server (transition)', () => {
  it('emits metrics-server until the profile declares it cluster-provided, then nothing for it', () => {
    const raw = rawDefaultConfig() as Raw;
    const before = synth(raw, 'kind').map((f) => f.name);
    raw.profiles.kind.clusterProvided = { metricsServer: true };
    const after = synth(raw, 'kind');
    expect(before).toContain('10-metrics-server.yaml');
    expect(after.map((f) => f.name)).not.toContain('10-metrics-server.yaml');
    const named = (files: ReturnType<typeof synth>) =>
      docsOf(files).filter((d) => d.metadata.labels?.['app.kubernetes.io/name'] === 'metrics-server').length;
    expect(named(synth(rawDefaultConfig() as Raw, 'kind'))).toBeGreaterThan(0);
    expect(named(after)).toBe(0);
  });
});

describe('add-on images', () => {
  const settings = {
    registryMirrors: { 'quay.io': 'mirror.example.com/quay' },
    overrides: { grafana: `mirror.example.com/grafana@sha256:${'b'.repeat(64)}` },
  };

  it.each([
    [ADDON_IMAGES.minio, 'mirror.example.com/quay/minio/minio:RELEASE.2024-10-13T13-34-11Z'],
    [ADDON_IMAGES.grafana, `mirror.example.com/grafana@sha256:${'b'.repeat(64)}`],
    [ADDON_IMAGES.metricsServer, ADDON_IMAGES.metricsServer],
    ['docker.io/mlopsplatform/model-trainer:0.1.0', 'docker.io/mlopsplatform/model-trainer:0.1.0'],
  ])('%s -> %s (mirror, override, no mirror, not an add-on)', (image, expected) => {
    expect(resolveAddonImage(image, settings)).toBe(expected);
  });

  it.each([
    ['quay.io/minio/minio:x', 'quay.io'],
    ['grafana/grafana:1', 'docker.io'],
    ['localhost:5000/x:1', 'localhost:5000'],
  ])('knows the registry of %s', (image, registry) => {
    expect(registryOf(image)).toBe(registry);
  });

  it('rewrites the kind profile only when a mirror is configured (before -> after)', () => {
    const raw = rawDefaultConfig() as Raw;
    const images = (files: ReturnType<typeof synth>) =>
      podSpecs(docsOf(files)).flatMap(({ pod }) => pod.containers.map((c: Raw) => c.image as string));
    const before = images(synth(raw, 'kind'));
    raw.profiles.kind.addonImages = { registryMirrors: { 'quay.io': 'registry.local:5000/quay' } };
    const after = images(synth(raw, 'kind'));
    expect(before).toContain(ADDON_IMAGES.minio);
    expect(after).toContain('registry.local:5000/quay/minio/minio:RELEASE.2024-10-13T13-34-11Z');
    expect(after.filter((i) => i.startsWith('quay.io/'))).toEqual([]);
    expect(after.filter((i) => i.startsWith('mlops/'))).toEqual(before.filter((i) => i.startsWith('mlops/')));
  });
});
