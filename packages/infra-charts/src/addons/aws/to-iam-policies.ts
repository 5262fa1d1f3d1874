import type { S3Policy } from '../minio/minio-policies.js';

/** What a tenant's IAM role must allow, derived from the same fields as its MODEL_URI and ServiceAccount. */
export interface TenantIamInput {
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleArn: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly modelNames: readonly string[];
}

/** One tenant's IAM role and read-only policy. */
export interface TenantIam {
  readonly tenant: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly policyName: string;
  readonly subject: string;
  readonly policy: S3Policy;
}

const keyOf = (prefix: string, model: string) => `${prefix ? `${prefix}/` : ''}${model}`;

/** The account and role name of `arn:aws:iam::<account>:role/<path/><name>`. */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn);
  if (!match?.[1] || !match[2])
    throw new Error(`"${arn}" is not an IAM role ARN like arn:aws:iam::123456789012:role/name`);
  return { accountId: match[1], roleName: match[2] };
}

/** Read-only access to exactly the tenant's models under its bucket/prefix: GetObject, and ListBucket on their keys. */
export function tenantIam(input: TenantIamInput): TenantIam {
  const { accountId, roleName } = parseRoleArn(input.roleArn);
  const keys = input.modelNames.map((m) => keyOf(input.prefix, m));
  return {
    tenant: input.name,
    accountId,
    roleName,
    policyName: `${roleName}-models-read`,
    subject: `system:serviceaccount:${input.namespace}:${input.serviceAccount}`,
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: keys.map((k) => `arn:aws:s3:::${input.bucket}/${k}/*`) },
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: [`arn:aws:s3:::${input.bucket}`],
          Condition: { StringLike: { 's3:prefix': keys.map((k) => `${k}/*`) } },
        },
      ],
    },
  };
}

/** The publisher's policy (`pnpm train --out s3://<bucket>/<prefix>`): read and write model versions, nothing else. */
export function publisherPolicy(bucket: string, prefix: string): S3Policy {
  const keys = prefix ? `${prefix}/*` : '*';
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [`arn:aws:s3:::${bucket}/${keys}`] },
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`],
        ...(prefix ? { Condition: { StringLike: { 's3:prefix': [`${prefix}/*`] } } } : {}),
      },
    ],
  };
}

/** `s3://bucket/key` → `arn:aws:s3:::bucket/key`. */
export const objectArn = (uri: string) => `arn:aws:s3:::${uri.slice('s3://'.length)}`;

/** The in-cluster trainer's policy: the publisher's, plus reading exactly its training and evaluation files. */
export function trainerRolePolicy(bucket: string, prefix: string, dataUris: readonly string[]): S3Policy {
  const base = publisherPolicy(bucket, prefix);
  return {
    ...base,
    Statement: [...base.Statement, { Effect: 'Allow', Action: ['s3:GetObject'], Resource: dataUris.map(objectArn) }],
  };
}
