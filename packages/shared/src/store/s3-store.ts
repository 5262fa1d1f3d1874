import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { SharedError } from '../errors.js';
import type { ModelStore } from './model-store.js';
import { s3Location } from './s3-location.js';

/** How to reach an S3-compatible store; credentials come from the standard AWS chain unless given. */
export interface S3StoreOptions {
  readonly bucket: string;
  /** Key prefix inside the bucket, without leading or trailing slash. @default - the bucket root */
  readonly prefix?: string;
  /** Custom endpoint (MinIO, s3rver). @default - AWS S3 for the region */
  readonly endpoint?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default - the AWS default credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, IRSA) */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Per-request timeout in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
  /** Attempts per request, with the SDK's backoff. @default 3 */
  readonly maxAttempts?: number;
}

/** A model store in an S3 bucket (MinIO in the cluster, AWS S3 in production). */
export class S3Store implements ModelStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ? `${options.prefix.replace(/^\/+|\/+$/g, '')}/` : '';
    this.location = s3Location(options);
    this.client = new S3Client({
      region: options.region ?? 'us-east-1',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
      forcePathStyle: true,
      maxAttempts: options.maxAttempts ?? 3,
      // MinIO and other S3-compatible servers reject the newer default checksum headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: Math.min(options.timeoutMs ?? 10_000, 3000),
        requestTimeout: options.timeoutMs ?? 10_000,
      },
    });
  }

  async read(key: string): Promise<Uint8Array> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      if (!out.Body) throw new Error('empty response body');
      return await out.Body.transformToByteArray();
    } catch (error) {
      throw this.wrap(error, 'read', key);
    }
  }

  async write(key: string, data: Uint8Array): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          Body: data,
          ContentLength: data.byteLength,
        }),
      );
    } catch (error) {
      throw this.wrap(error, 'write', key);
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      return true;
    } catch (error) {
      const wrapped = this.wrap(error, 'check', key);
      if (wrapped.code === 'NOT_FOUND') return false;
      throw wrapped;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const base = `${this.prefix}${prefix.replace(/\/+$/, '')}/`;
    const names: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: base,
            Delimiter: '/',
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const p of page.CommonPrefixes ?? []) if (p.Prefix) names.push(p.Prefix.slice(base.length, -1));
        for (const o of page.Contents ?? []) if (o.Key) names.push(o.Key.slice(base.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (error) {
      throw this.wrap(error, 'list', prefix);
    }
    return names.filter(Boolean);
  }

  /** Maps SDK and network errors to the catalogue; names the endpoint, never the credentials. */
  private wrap(error: unknown, verb: string, key: string): SharedError {
    const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    const where = `${this.location}/${key}`;
    if (e.name === 'NoSuchBucket')
      return new SharedError(
        'NOT_FOUND',
        `bucket "${this.bucket}" does not exist at ${this.location}; create it first`,
        { cause: error },
      );
    if (e.name === 'NoSuchKey' || e.name === 'NotFound' || status === 404) {
      return new SharedError('NOT_FOUND', `${where} does not exist`, { cause: error });
    }
    if (
      status === 403 ||
      e.name === 'AccessDenied' ||
      e.name === 'InvalidAccessKeyId' ||
      e.name === 'SignatureDoesNotMatch'
    ) {
      return new SharedError(
        'ACCESS_DENIED',
        `access denied to ${where} (${e.name ?? status}); check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and the bucket policy`,
        { cause: error },
      );
    }
    if (status === undefined) {
      return new SharedError(
        'UNREACHABLE',
        `cannot ${verb} ${where}: object store unreachable (${e.code ?? e.name ?? 'network error'}); check S3_ENDPOINT and that the server is up`,
        { cause: error },
      );
    }
    return new SharedError('STORE_IO', `cannot ${verb} ${where}: HTTP ${status} ${e.name ?? ''}`.trim(), {
      cause: error,
    });
  }
}
