import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SharedError } from '../../src/errors.js';
import { FileStore } from '../../src/store/file-store.js';
import type { ModelStore } from '../../src/store/model-store.js';
import { S3Store } from '../../src/store/s3-store.js';
import { startS3Server, type TestS3Server } from '../../testing/s3-server.js';

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server(['models']);
});
afterAll(async () => {
  await s3.stop();
});

const stores: Array<[string, () => ModelStore]> = [
  ['file store', () => new FileStore(mkdtempSync(join(tmpdir(), 'file-store-')))],
  [
    'S3 store (real s3rver on loopback)',
    () =>
      new S3Store({ bucket: 'models', prefix: `t${Date.now()}`, endpoint: s3.endpoint, credentials: s3.credentials }),
  ],
];

describe.each(stores)('%s', (_name, make) => {
  it('writes, reads back and reports existence', async () => {
    const store = make();
    const data = new TextEncoder().encode('hello');
    expect(await store.exists('a/b.txt')).toBe(false);
    await store.write('a/b.txt', data);
    expect(await store.exists('a/b.txt')).toBe(true);
    expect(new TextDecoder().decode(await store.read('a/b.txt'))).toBe('hello');
  });

  it('throws NOT_FOUND naming the object for a missing key', async () => {
    const store = make();
    await expect(store.read('missing/key')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('missing/key does not exist'),
    });
  });

  it('replaces an object whole', async () => {
    const store = make();
    await store.write('x', new Uint8Array(1000).fill(1));
    await store.write('x', new Uint8Array(3).fill(2));
    expect([...(await store.read('x'))]).toEqual([2, 2, 2]);
  });

  it('lists the folders and objects directly under a prefix, and nothing for an empty one', async () => {
    const store = make();
    expect(await store.list('m')).toEqual([]);
    for (const key of ['m/LATEST', 'm/v1/a.json', 'm/v1/b.bin', 'm/v2/a.json', 'other/x'])
      await store.write(key, new Uint8Array([1]));
    expect((await store.list('m')).sort()).toEqual(['LATEST', 'v1', 'v2']);
    expect((await store.list('m/v1')).sort()).toEqual(['a.json', 'b.bin']);
  });
});

describe('S3Store errors', () => {
  it('reports an unreachable endpoint by name, without credentials', async () => {
    const store = new S3Store({
      bucket: 'models',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'AKIDSECRETID', secretAccessKey: 'very-secret' },
      maxAttempts: 1,
      timeoutMs: 1000,
    });
    const error = (await store.read('x').catch((e: unknown) => e)) as SharedError;
    expect(error).toBeInstanceOf(SharedError);
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toContain('http://127.0.0.1:1');
    expect(error.message).not.toMatch(/very-secret|AKIDSECRETID/);
    expect(error.cause).toBeDefined();
  });

  it('reports a missing bucket with the fix', async () => {
    const store = new S3Store({ bucket: 'nope', endpoint: s3.endpoint, credentials: s3.credentials });
    await expect(store.read('x')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/bucket "nope" does not exist .* create it first/),
    });
  });

  it('reports unknown credentials as ACCESS_DENIED', async () => {
    const store = new S3Store({
      bucket: 'models',
      endpoint: s3.endpoint,
      credentials: { accessKeyId: 'UNKNOWNKEY', secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    await expect(store.write('x', new Uint8Array(1))).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
  });
});
