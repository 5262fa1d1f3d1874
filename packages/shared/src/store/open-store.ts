import { DNS1123_LABEL, S3_BUCKET_NAME } from '../contract/names.js';
import { SharedError } from '../errors.js';
import { FileStore } from './file-store.js';
import { LazyS3Store } from './lazy-s3-store.js';
import type { ModelStore } from './model-store.js';
import type { S3StoreOptions } from './s3-store.js';

/** S3 connection settings that a URI cannot carry. */
export type S3Connection = Omit<S3StoreOptions, 'bucket' | 'prefix'>;

/** Opens `file://<path>` or `s3://<bucket>[/<prefix>]`; any other URI is refused with the allowed forms. */
export function openStore(uri: string, s3: S3Connection = {}): ModelStore {
  if (uri.startsWith('file://')) {
    const path = uri.slice('file://'.length);
    if (!path) throw invalid(uri);
    return new FileStore(path);
  }
  if (uri.startsWith('s3://')) {
    const [bucket, ...rest] = uri.slice('s3://'.length).split('/').filter(Boolean);
    if (!bucket || !S3_BUCKET_NAME.test(bucket)) throw invalid(uri);
    return new LazyS3Store({ ...s3, bucket, prefix: rest.join('/') });
  }
  throw invalid(uri);
}

function invalid(uri: string): SharedError {
  return new SharedError(
    'INVALID_URI',
    `store URI "${uri}" is not supported; use file:///absolute/folder or s3://bucket[/prefix]`,
  );
}

/** A model's place: the store, the model name, and a pinned version or undefined to follow LATEST. */
export interface ModelLocation {
  readonly storeUri: string;
  readonly modelName: string;
  readonly version?: string;
}

const VERSION = /^v\d[\w.-]*$/;
const MODEL_NAME = DNS1123_LABEL;

/** Splits `<store-uri>/<model-name>[/<version>]`; a last segment starting with `v<digit>` is a version. */
export function parseModelUri(uri: string): ModelLocation {
  const scheme = uri.startsWith('s3://') ? 's3://' : uri.startsWith('file://') ? 'file://' : undefined;
  const parts = scheme ? uri.slice(scheme.length).split('/') : [];
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  const last = parts[parts.length - 1];
  const version = last && VERSION.test(last) ? parts.pop() : undefined;
  const modelName = parts.pop();
  if (!scheme || !modelName || !MODEL_NAME.test(modelName) || parts.length === 0 || (scheme === 's3://' && !parts[0])) {
    throw new SharedError(
      'INVALID_URI',
      `model URI "${uri}" must be <store>/<model-name>[/<version>], e.g. s3://models/sentiment, s3://models/sentiment/v20261127-101500 or file:///srv/models/sentiment`,
    );
  }
  return { storeUri: `${scheme}${parts.join('/')}`, modelName, ...(version ? { version } : {}) };
}
