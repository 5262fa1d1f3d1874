import type { S3StoreOptions } from './s3-store.js';

/** How an S3 store names itself in logs and errors (`s3://bucket/prefix @ endpoint`); no SDK import, so the lazy store can use it. */
export function s3Location(options: Pick<S3StoreOptions, 'bucket' | 'prefix' | 'endpoint'>): string {
  const prefix = options.prefix?.replace(/^\/+|\/+$/g, '') ?? '';
  return `s3://${options.bucket}${prefix ? `/${prefix}` : ''}${options.endpoint ? ` @ ${options.endpoint}` : ''}`;
}
