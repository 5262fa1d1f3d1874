import { S3_BUCKET_NAME } from '@mlops/shared/contract';
import { z } from 'zod';

/** IPv4 CIDR, as NetworkPolicy ipBlocks take them. */
export const cidrSchema = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/, { error: 'must be an IPv4 CIDR like "10.0.0.0/16"' });

/** S3 bucket names: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
export const bucketSchema = z
  .string()
  .regex(S3_BUCKET_NAME, {
    error: 'must be an S3 bucket name (3-63 lowercase letters, digits, "." or "-"), e.g. "acme-mlops-models"',
  })
  .refine((b) => b !== 'models', {
    error: 'must be a bucket you own: S3 bucket names are global and "models" is taken; use e.g. "<org>-mlops-models"',
  });

/** A key prefix inside the bucket, without leading or trailing slash ("" = the bucket root). */
export const prefixSchema = z.string().regex(/^([\w.-]+(\/[\w.-]+)*)?$/, {
  error: 'must be a key prefix like "mlops/models" (no leading or trailing "/"), or "" for the bucket root',
});

/**
 * The eksctl default VPC CIDR. STS and S3 interface VPC endpoints get their addresses from the VPC's subnets, so
 * by default IRSA egress is allowed to the VPC on 443 only; narrow it to the endpoint subnets (docs/deploy-eks.md).
 */
export const DEFAULT_VPC_CIDR = '192.168.0.0/16';

/** Where a pod using IRSA must connect (HTTPS, 443/TCP): STS for the web-identity token exchange, then S3. */
const irsaEgressSchema = z.strictObject({
  stsCidrs: z.array(cidrSchema).min(1).default([DEFAULT_VPC_CIDR]),
  s3Cidrs: z.array(cidrSchema).min(1).default([DEFAULT_VPC_CIDR]),
});

const s3ObjectUri = z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[\w.\-/]+[\w.-]$/, {
  error: 'must be an S3 object URI like "s3://acme-mlops-data/sst2/train.tsv"',
});

/** An in-cluster training Job for S3 profiles: reads these, publishes to the models bucket/prefix through IRSA. */
const trainingSchema = z.strictObject({
  data: s3ObjectUri,
  /** Held-out data the trainer evaluates on (its --eval). @default - none: no --eval file */
  eval: s3ObjectUri.optional(),
});

export const objectStorageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('minio') }),
  z.strictObject({
    type: z.literal('s3'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region like "eu-west-1"' }),
    /** The models bucket: required, bucket names are global. */
    bucket: bucketSchema,
    /** Key prefix of the models inside the bucket. @default "" */
    prefix: prefixSchema.default(''),
    /** IAM role ARN prefix for IRSA; the tenant name is appended. */
    roleArnPrefix: z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]*$/, {
      error: 'must be an IAM role ARN prefix like "arn:aws:iam::123456789012:role/mlops-"',
    }),
    irsaEgress: irsaEgressSchema.default({ stsCidrs: [DEFAULT_VPC_CIDR], s3Cidrs: [DEFAULT_VPC_CIDR] }),
    /** Train in the cluster (Job `model-trainer`, role `<roleArnPrefix>model-trainer`). @default - none: publish with `pnpm train` */
    training: trainingSchema.optional(),
  }),
]);

/** Per-tenant override of where its models live (S3 profiles only). */
export const tenantObjectStorageSchema = z.strictObject({
  /** @default - the profile's `objectStorage.bucket` */
  bucket: bucketSchema.optional(),
  /** @default - the profile's `objectStorage.prefix` */
  prefix: prefixSchema.optional(),
});

export type ObjectStorageConfig = z.output<typeof objectStorageSchema>;
