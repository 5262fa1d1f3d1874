import type { ModelStore } from './model-store.js';
import { s3Location } from './s3-location.js';
import type { S3Store, S3StoreOptions } from './s3-store.js';

/**
 * An S3 store that loads the AWS SDK on its first request: openStore's callers with a file:// store (a tenant
 * with a local model) never compile or evaluate `@aws-sdk/client-s3`, the largest module of the API's bundle.
 */
export class LazyS3Store implements ModelStore {
  readonly location: string;
  private store: Promise<S3Store> | undefined;

  constructor(private readonly options: S3StoreOptions) {
    this.location = s3Location(options);
  }

  async read(key: string): Promise<Uint8Array> {
    return (await this.load()).read(key);
  }

  async write(key: string, data: Uint8Array): Promise<void> {
    return (await this.load()).write(key, data);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.load()).exists(key);
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.load()).list(prefix);
  }

  private load(): Promise<S3Store> {
    this.store ??= import('./s3-store.js').then(({ S3Store }) => new S3Store(this.options));
    return this.store;
  }
}
