import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SharedError } from '../errors.js';
import type { ModelStore } from './model-store.js';

/** A model store in a local folder: the embedded default (`file://$PWD/.models`). */
export class FileStore implements ModelStore {
  readonly location: string;
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.location = `file://${this.root}`;
  }

  private path(key: string): string {
    if (key.split('/').some((part) => part === '..' || part === ''))
      throw new SharedError('INVALID_URI', `object key "${key}" is not a plain relative path`);
    return join(this.root, key);
  }

  async read(key: string): Promise<Uint8Array> {
    try {
      const data = await readFile(this.path(key));
      // A view of readFile's own buffer, not a copy: weights.bin holds the model's embedding table (33 MB).
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new SharedError('NOT_FOUND', `${this.location}/${key} does not exist`, { cause: error });
      throw new SharedError('STORE_IO', `cannot read ${this.location}/${key}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Writes to a temporary file, then renames it: a reader sees the old object or the new one, never half. */
  async write(key: string, data: Uint8Array): Promise<void> {
    const path = this.path(key);
    const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(tmp, data);
      await rename(tmp, path);
    } catch (error) {
      throw new SharedError(
        'STORE_IO',
        `cannot write ${this.location}/${key}: ${(error as Error).message}; check the folder exists and is writable`,
        { cause: error },
      );
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch {
      return false;
    }
  }

  async list(prefix: string): Promise<string[]> {
    try {
      return (await readdir(this.path(prefix))).filter((name) => !name.includes('.tmp-'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new SharedError('STORE_IO', `cannot list ${this.location}/${prefix}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}
