import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../src/cli/repo-paths.js';
import { ConfigError, validatePlatformConfig } from '../../src/config/index.js';

type Raw = Record<string, any>;
/** The documented EKS + S3/IRSA + GPU example, as raw data to break one field at a time. */
const example = (): Raw => parse(readFileSync(join(REPO_ROOT, 'examples/eks-s3-gpu.config.yaml'), 'utf8'));

function problemsOf(mutate: (raw: Raw) => void): string[] {
  const raw = example();
  mutate(raw);
  try {
    validatePlatformConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path} ${p.message}`);
  }
  throw new Error('expected the config to be rejected');
}
const eks = (raw: Raw) => raw.profiles.eks;
const gpuTenant = (raw: Raw) => raw.tenants[1];

describe('production config rules', () => {
  it('accepts the documented example (S3/IRSA, a GPU tenant, digests, mirrors, zone spread)', () => {
    const config = validatePlatformConfig(example());
    expect(config.profiles.eks?.objectStorage).toMatchObject({ type: 's3', bucket: 'acme-mlops-models-prod' });
    expect(config.tenants[1]?.accelerator).toEqual({ type: 'nvidia.com/gpu', count: 1 });
  });

  it.each<[string, (raw: Raw) => void, RegExp]>([
    [
      'an S3 profile without a bucket',
      (r) => delete eks(r).objectStorage.bucket,
      /^profiles\.eks\.objectStorage\.bucket is required \(string\); add it/,
    ],
    [
      'the bucket name "models" (taken: names are global)',
      (r) => (eks(r).objectStorage.bucket = 'models'),
      /^profiles\.eks\.objectStorage\.bucket "models" must be a bucket you own/,
    ],
    [
      'a bucket name with capitals',
      (r) => (eks(r).objectStorage.bucket = 'Acme_Models'),
      /^profiles\.eks\.objectStorage\.bucket "Acme_Models" must be an S3 bucket name/,
    ],
    [
      'a prefix with a leading slash',
      (r) => (eks(r).objectStorage.prefix = '/models'),
      /^profiles\.eks\.objectStorage\.prefix "\/models" must be a key prefix/,
    ],
    [
      'an IRSA egress CIDR that is not a CIDR',
      (r) => (eks(r).objectStorage.irsaEgress.stsCidrs = ['sts.amazonaws.com']),
      /^profiles\.eks\.objectStorage\.irsaEgress\.stsCidrs\[0\] "sts\.amazonaws\.com" must be an IPv4 CIDR/,
    ],
    [
      'a tenant named like the training Job (it would share its IAM role)',
      (r) => (r.tenants[0].name = 'model-trainer'),
      /^tenants\[0\]\.name "model-trainer" would share the IAM role of the training Job of profile eks/,
    ],
    [
      'a training data URI that is not an S3 object',
      (r) => (eks(r).objectStorage.training.data = 'https://example.com/train.tsv'),
      /^profiles\.eks\.objectStorage\.training\.data "https:\/\/example\.com\/train\.tsv" must be an S3 object URI/,
    ],
    [
      'IRSA egress to the whole internet',
      (r) => (eks(r).objectStorage.irsaEgress.s3Cidrs = ['10.0.0.0/8', '0.0.0.0/0']),
      /^profiles\.eks\.objectStorage\.irsaEgress\.s3Cidrs\[1\] "0\.0\.0\.0\/0" opens 443 to the whole internet; allowed: the STS\/S3 VPC endpoint/,
    ],
    [
      'a GPU tenant on a profile without GPU nodes',
      (r) => delete eks(r).gpu,
      /^tenants\[1\]\.accelerator asks for nvidia\.com\/gpu but profile eks declares no GPU nodes; add profiles\.eks\.gpu/,
    ],
    [
      'a GPU tenant with neither node selection nor toleration',
      (r) => Object.assign(gpuTenant(r).accelerator, { nodeSelector: {}, tolerations: [] }),
      /^tenants\[1\]\.accelerator tenant "tenant-gpu" in profile eks has neither a nodeSelector nor a toleration/,
    ],
    [
      'an unknown accelerator type',
      (r) => (gpuTenant(r).accelerator.type = 'amd.com/gpu'),
      /^tenants\[1\]\.accelerator\.type .*is not a known accelerator; allowed: nvidia\.com\/gpu/,
    ],
    [
      'a digest-only API image without a GPU image for a GPU tenant',
      (r) => {
        delete eks(r).images.api.tag;
        delete eks(r).images.apiGpu;
      },
      /^profiles\.eks\.images\.apiGpu is required for GPU tenants when images\.api is pinned by digest only/,
    ],
    [
      'an image tag with a digest glued on',
      (r) => (eks(r).images.trainer.tag = '0.1.0@sha256:abc'),
      /^profiles\.eks\.images\.trainer\.tag "0\.1\.0@sha256:abc" must be an image tag like "0\.1\.0"; allowed: a version tag .*a digest/,
    ],
    [
      'a short digest',
      (r) => (eks(r).images.trainer.digest = 'sha256:abc'),
      /^profiles\.eks\.images\.trainer\.digest "sha256:abc" must be an image digest "sha256:" \+ 64 lowercase hex digits/,
    ],
    [
      'an image with neither tag nor digest',
      (r) => (eks(r).images.trainer = { repository: 'docker.io/x/y' }),
      /^profiles\.eks\.images\.trainer .*needs a tag or a digest; allowed:/,
    ],
    [
      'an add-on override that is neither tag nor digest reference',
      (r) => (eks(r).addonImages.overrides = { minio: 'mirror.example.com/minio/minio' }),
      /^profiles\.eks\.addonImages\.overrides\.minio "mirror\.example\.com\/minio\/minio" must be an image reference pinned by tag or digest/,
    ],
    [
      'an add-on override for an add-on that does not exist',
      (r) => (eks(r).addonImages.overrides = { minoi: 'quay.io/minio/minio:RELEASE.2024-10-13T13-34-11Z' }),
      /^profiles\.eks\.addonImages\.overrides\.minoi "minoi" is not a platform add-on image; allowed: minio, /,
    ],
    [
      'zone spread with a single declared zone',
      (r) => (eks(r).scheduling.zones = ['eu-west-1a']),
      /^profiles\.eks\.scheduling\.zones \["eu-west-1a"\] declares 1 zone: zone spread \(DoNotSchedule\) needs at least 2; declare the other zones or set zoneSpread: off$/,
    ],
    [
      'a tenant asking for zone spread with one zone',
      (r) => (r.tenants[0].scheduling = { zoneSpread: 'ScheduleAnyway', zones: ['eu-west-1a', 'eu-west-1a'] }),
      /^tenants\[0\]\.scheduling\.zones .* declares 1 zone in profile eks/,
    ],
    [
      'DoNotSchedule zone spread without the zones declared',
      (r) => delete eks(r).scheduling.zones,
      /^profiles\.eks\.scheduling\.zones is missing: zoneSpread DoNotSchedule needs the cluster's zones declared/,
    ],
    [
      'a PDB with maxUnavailable 0',
      (r) => (r.tenants[0].disruption = { maxUnavailable: 0 }),
      /^tenants\[0\]\.disruption\.maxUnavailable 0 never allows an eviction/,
    ],
    [
      'a PDB above replicas.max (can never be satisfied)',
      (r) => (r.tenants[0].disruption = { minAvailable: 11 }),
      /^tenants\[0\]\.disruption\.minAvailable 11 can never be satisfied: replicas\.max is 10; use at most 1/,
    ],
    [
      'a PDB that blocks every drain at replicas.min',
      (r) => (r.tenants[1].disruption = { minAvailable: 1 }),
      /^tenants\[1\]\.disruption\.minAvailable 1 blocks every drain while the tenant runs replicas\.min 1 pods; use at most 0/,
    ],
  ])('refuses %s, naming field, value, what is allowed and the fix', (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('lists every production problem of a config at once', () => {
    const problems = problemsOf((r) => {
      r.tenants[1].disruption = { minAvailable: 1 };
      eks(r).scheduling.zones = ['eu-west-1a'];
      r.tenants[0].disruption = { maxUnavailable: 0 };
      delete eks(r).gpu;
    });
    expect(problems).toHaveLength(4);
  });
});
