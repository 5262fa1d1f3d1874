import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { renderIam } from '../../src/addons/aws/render-iam.js';
import { parseRoleArn, publisherPolicy, tenantIam } from '../../src/addons/aws/to-iam-policies.js';
import { REPO_ROOT } from '../../src/cli/repo-paths.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import { synthesize } from '../../src/synth/synthesize.js';
import { resolveTenants, synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { defaultConfig, rawDefaultConfig } from '../fixtures.js';

const exampleRaw = () => parse(readFileSync(join(REPO_ROOT, 'examples/eks-s3-gpu.config.yaml'), 'utf8'));

describe('IAM for S3 profiles', () => {
  it('scopes a tenant role to its own models under bucket/prefix, read only', () => {
    const iam = tenantIam({
      name: 'tenant-a',
      namespace: 'tenant-a',
      serviceAccount: 'tenant-a-ml-inference-sa',
      roleArn: 'arn:aws:iam::123456789012:role/team/mlops-tenant-a',
      bucket: 'acme-models',
      prefix: 'platform',
      modelNames: ['sentiment'],
    });
    expect(iam).toMatchObject({
      accountId: '123456789012',
      roleName: 'mlops-tenant-a',
      policyName: 'mlops-tenant-a-models-read',
    });
    expect(iam.subject).toBe('system:serviceaccount:tenant-a:tenant-a-ml-inference-sa');
    expect(iam.policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme-models/platform/sentiment/*'] },
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: ['arn:aws:s3:::acme-models'],
        Condition: { StringLike: { 's3:prefix': ['platform/sentiment/*'] } },
      },
    ]);
    expect(JSON.stringify(iam.policy)).not.toMatch(/PutObject|DeleteObject|"\*"/);
  });

  it('gives the publisher read/write under the prefix only', () => {
    expect(publisherPolicy('acme-models', 'platform').Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: ['arn:aws:s3:::acme-models/platform/*'],
    });
  });

  it('refuses a role ARN it cannot split, naming it', () => {
    expect(() => parseRoleArn('arn:aws:iam::1234:role/x')).toThrow('"arn:aws:iam::1234:role/x" is not an IAM role ARN');
  });

  it('names the same bucket, prefix and role as the ConfigMap and ServiceAccount of each tenant', () => {
    const config = validatePlatformConfig(exampleRaw());
    const iam = renderIam(config, 'eks', resolveTenants(config, 'eks')) ?? '';
    const docs = synthesizeProfile(config, 'eks').flatMap((f) => f.documents) as any[];
    for (const tenant of ['tenant-a', 'tenant-gpu']) {
      const uri = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.namespace === tenant).data.MODEL_URI as string;
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
      expect(iam).toContain(`"arn:aws:s3:::${bucket}/${key}/*"`);
      const role = docs.find((d) => d.kind === 'ServiceAccount' && d.metadata.namespace === tenant).metadata
        .annotations['eks.amazonaws.com/role-arn'] as string;
      expect(iam).toContain(
        `--role-name ${role.split('/').pop()} \\\n  --namespace ${tenant} --name ${tenant}-ml-inference-sa`,
      );
    }
    expect(iam).toContain('"arn:aws:s3:::acme-mlops-models-gpu/platform/sentiment/*"');
    // The training Job's role: publish under the prefix, read exactly its two data files.
    expect(iam).toContain('--role-name mlops-model-trainer \\\n  --namespace mlops-system --name model-trainer');
    expect(iam).toContain('"arn:aws:s3:::acme-mlops-models-prod/platform/*"');
    expect(iam).toContain(
      '"arn:aws:s3:::acme-mlops-data/sst2/train.tsv",\n        "arn:aws:s3:::acme-mlops-data/sst2/dev.tsv"',
    );
  });

  it('is written for S3 profiles only, and removed when a profile moves back to MinIO (transition)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'iam-'));
    const configFile = join(work, 'platform.config.yaml');
    const raw = rawDefaultConfig() as any;
    writeFileSync(configFile, stringify(raw));
    await synthesize({ configFile, outDir: join(work, 'dist') });
    expect(existsSync(join(work, 'dist/eks/IAM.md'))).toBe(true);
    expect(existsSync(join(work, 'dist/kind/IAM.md'))).toBe(false);
    raw.profiles.eks.objectStorage = { type: 'minio' };
    writeFileSync(configFile, stringify(raw));
    await synthesize({ configFile, outDir: join(work, 'dist') });
    expect(existsSync(join(work, 'dist/eks/IAM.md'))).toBe(false);
    expect(renderIam(defaultConfig(), 'kind', [])).toBeUndefined();
  });
});
