import { ADDON_IMAGES } from '../../src/addon-images.js';
import { toMetricsServer } from '../../src/addons/metrics-server/to-metrics-server.js';
import { provisionScript, tenantReadPolicy, trainerPolicy } from '../../src/addons/minio/minio-policies.js';
import { toMinio } from '../../src/addons/minio/to-minio.js';
import { toMinioNetworkPolicies } from '../../src/addons/minio/to-minio-network-policies.js';
import { toTrainerJob } from '../../src/addons/minio/to-trainer-job.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { defaultConfig } from '../fixtures.js';

describe('MinIO', () => {
  const objects = toMinio({
    platformName: 'p',
    storageClass: 'standard',
    tenantModels: new Map([
      ['tenant-a', ['sentiment']],
      ['tenant-b', ['other']],
    ]),
  }) as any[];
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);

  it('runs MinIO on a PVC of the profile storage class with API 9000 and console 9001', () => {
    expect(byKind('PersistentVolumeClaim')[0].spec.storageClassName).toBe('standard');
    expect(byKind('Service')[0].spec.ports.map((p: any) => p.port)).toEqual([9000, 9001]);
    const pod = byKind('Deployment')[0].spec.template.spec;
    expect(pod.containers[0].image).toBe(ADDON_IMAGES.minio);
    expect(pod.containers[0].readinessProbe.httpGet.path).toBe('/minio/health/ready');
  });

  it('references credentials only by Secret name, never by value', () => {
    const text = JSON.stringify(objects);
    expect(text).toContain('"secretKeyRef":{"name":"minio-root-credentials","key":"rootPassword"}');
    expect(text).not.toMatch(/"value":"[^"]*(password|secret)[^"]*"/i);
  });

  it('lets each tenant read only its own models and write nothing', () => {
    const policy = tenantReadPolicy(['sentiment']);
    expect(policy.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: ['arn:aws:s3:::models/sentiment/*'],
    });
    expect(JSON.stringify(policy)).not.toMatch(/PutObject|DeleteObject|s3:\*/);
    const configMap = byKind('ConfigMap')[0];
    expect(JSON.parse(configMap.data['read-models-1.json']).Statement[0].Resource).toEqual([
      'arn:aws:s3:::models/other/*',
    ]);
  });

  it('lets the trainer read datasets and write models', () => {
    expect(JSON.stringify(trainerPolicy())).toContain('s3:PutObject');
    expect(trainerPolicy().Statement[1]?.Resource).toEqual(['arn:aws:s3:::models', 'arn:aws:s3:::models/*']);
  });

  it('provisions buckets and users idempotently from a tenant-independent script, keys from the mounted Secret', () => {
    const script = provisionScript();
    expect(script).toContain('mc mb --ignore-existing "platform/$bucket"');
    expect(script).not.toContain('tenant-a');
    const configMap = byKind('ConfigMap')[0];
    expect(configMap.data.users).toBe(
      'tenant-a read-models-0.json\ntenant-b read-models-1.json\nmodel-trainer model-trainer.json\n',
    );
    const job = byKind('Job')[0];
    expect(job.spec.template.spec.volumes).toContainEqual({
      name: 'credentials',
      secret: { secretName: 'minio-user-credentials' },
    });
    expect(JSON.stringify(job.spec.template)).not.toContain('tenant-');
  });

  it('admits port 9000 only from tenant API pods, the trainer, the provisioning Job and Prometheus', () => {
    const policies = toMinioNetworkPolicies({}) as any[];
    expect(policies.map((p) => p.metadata.name)).toEqual([
      'default-deny-all',
      'allow-dns-egress',
      'allow-api-ingress',
      'allow-provisioning-egress',
    ]);
    const ingress = policies[2].spec.ingress[0];
    expect(ingress.ports).toEqual([{ protocol: 'TCP', port: 9000 }]);
    expect(ingress.from).toHaveLength(4);
  });

  it('trains in a restricted Job from s3://datasets into s3://models', () => {
    const [job] = toTrainerJob({
      platformName: 'p',
      image: 'mlops/model-trainer:0.1.0',
      imagePullPolicy: 'IfNotPresent',
    }) as any[];
    const c = job.spec.template.spec.containers[0];
    expect(c.args).toEqual([
      '--data',
      's3://datasets/sst2/train.tsv',
      '--eval',
      's3://datasets/sst2/dev.tsv',
      '--out',
      's3://models',
      '--model-name',
      'sentiment',
    ]);
    expect(c.envFrom).toEqual([{ secretRef: { name: 'model-trainer-credentials' } }]);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
  });
});

describe('metrics-server', () => {
  it('adds --kubelet-insecure-tls only where asked (kind)', () => {
    const args = (insecure: boolean) =>
      (toMetricsServer({ platformName: 'p', kubeletInsecureTls: insecure }) as any[]).find(
        (o) => o.kind === 'Deployment',
      ).spec.template.spec.containers[0].args;
    expect(args(true)).toContain('--kubelet-insecure-tls');
    expect(args(false)).not.toContain('--kubelet-insecure-tls');
  });

  it('registers the metrics API and grants only what it needs', () => {
    const objects = toMetricsServer({ platformName: 'p', kubeletInsecureTls: false }) as any[];
    expect(objects.find((o) => o.kind === 'APIService').metadata.name).toBe('v1beta1.metrics.k8s.io');
    const role = objects.find((o) => o.metadata.name === 'system:metrics-server');
    expect(role.rules.flatMap((r: any) => r.verbs)).not.toContain('create');
  });
});

describe('profiles', () => {
  it('puts the add-ons of kind in apply order and pins every image', () => {
    const files = synthesizeProfile(defaultConfig(), 'kind');
    expect(files.map((f) => f.name)).toEqual([
      '00-namespaces.yaml',
      '05-scheduling.yaml',
      '10-metrics-server.yaml',
      '15-edge.yaml',
      '20-object-storage.yaml',
      '30-monitoring.yaml',
      '50-tenant-tenant-a.yaml',
      '50-tenant-tenant-b.yaml',
    ]);
    const images = files.flatMap((f) => JSON.stringify(f.documents).match(/"image":"[^"]+"/g) ?? []);
    for (const image of images) expect(image).toMatch(/:[\w.-]+"$/);
    expect(images.join()).not.toMatch(/:latest"/);
  });
});

describe('the eks profile with AWS S3 instead of MinIO', () => {
  it('drops MinIO, annotates the tenant ServiceAccount for IRSA and allows egress to STS and S3 on 443 only', async () => {
    const { validatePlatformConfig } = await import('../../src/config/index.js');
    const { rawDefaultConfig } = await import('../fixtures.js');
    const raw = rawDefaultConfig() as any;
    raw.profiles.eks.objectStorage = {
      type: 's3',
      region: 'eu-west-1',
      bucket: 'acme-models',
      prefix: 'team/models',
      roleArnPrefix: 'arn:aws:iam::123456789012:role/mlops-',
      irsaEgress: { stsCidrs: ['10.0.1.0/24'], s3Cidrs: ['52.218.0.0/17'] },
    };
    raw.tenants[1].objectStorage = { bucket: 'acme-models-b' };
    const files = synthesizeProfile(validatePlatformConfig(raw), 'eks');
    expect(files.map((f) => f.name)).not.toContain('20-object-storage.yaml');
    const docs = files.flatMap((f) => f.documents) as any[];
    const sa = docs.find((d) => d.kind === 'ServiceAccount' && d.metadata.name === 'tenant-a-ml-inference-sa');
    expect(sa.metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/mlops-tenant-a',
      'mlops.platform/irsa-sts-cidrs': '10.0.1.0/24',
      'mlops.platform/irsa-s3-cidrs': '52.218.0.0/17',
    });
    const configOf = (t: string) =>
      docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === `${t}-ml-inference-config`).data;
    expect(configOf('tenant-a').S3_ENDPOINT).toBeUndefined();
    expect(configOf('tenant-a').S3_REGION).toBe('eu-west-1');
    // The bucket and prefix of the profile, and a tenant's own bucket where it sets one.
    expect(configOf('tenant-a').MODEL_URI).toBe('s3://acme-models/team/models/sentiment');
    expect(configOf('tenant-b').MODEL_URI).toBe('s3://acme-models-b/team/models/sentiment');
    const egress = docs.find(
      (d) =>
        d.kind === 'NetworkPolicy' && d.metadata.namespace === 'tenant-a' && d.metadata.name === 'allow-irsa-egress',
    );
    expect(egress.spec.egress).toEqual([
      {
        to: [{ ipBlock: { cidr: '10.0.1.0/24' } }, { ipBlock: { cidr: '52.218.0.0/17' } }],
        ports: [{ protocol: 'TCP', port: 443 }],
      },
    ]);
    const deployment = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'tenant-a-ml-inference');
    expect(JSON.stringify(deployment)).not.toContain('secretRef');
  });
});
