import { SharedError } from '../../src/errors.js';
import { FileStore } from '../../src/store/file-store.js';
import { LazyS3Store } from '../../src/store/lazy-s3-store.js';
import { openStore, parseModelUri } from '../../src/store/open-store.js';
import { S3Store } from '../../src/store/s3-store.js';

describe('openStore', () => {
  it('opens file:// and s3:// URIs', () => {
    expect(openStore('file:///tmp/models')).toBeInstanceOf(FileStore);
    expect(openStore('file:///tmp/models').location).toBe('file:///tmp/models');
    const s3 = openStore('s3://models/team/a', { endpoint: 'http://127.0.0.1:9000' });
    expect(s3).toBeInstanceOf(LazyS3Store);
    expect(s3.location).toBe('s3://models/team/a @ http://127.0.0.1:9000');
  });

  it.each([
    { bucket: 'models' },
    { bucket: 'models', prefix: '/team/a/' },
    { bucket: 'models', prefix: 'team', endpoint: 'http://s3:9000' },
  ])('names the lazy S3 store as the S3 store it loads: %j', (options) => {
    expect(new LazyS3Store(options).location).toBe(new S3Store(options).location);
  });

  it.each(['http://x/y', 'models/sentiment', 's3://', 'file://', 's3://Bad_Bucket/x'])(
    'refuses %p naming the allowed forms',
    (uri) => {
      expect(() => openStore(uri)).toThrow(SharedError);
      expect(() => openStore(uri)).toThrow(/use file:\/\/\/absolute\/folder or s3:\/\/bucket\[\/prefix\]/);
    },
  );
});

describe('parseModelUri', () => {
  it.each([
    ['s3://models/sentiment', { storeUri: 's3://models', modelName: 'sentiment' }],
    ['s3://models/sentiment/', { storeUri: 's3://models', modelName: 'sentiment' }],
    [
      's3://models/sentiment/v20261127-101500-abcdef',
      { storeUri: 's3://models', modelName: 'sentiment', version: 'v20261127-101500-abcdef' },
    ],
    [
      's3://bucket/team/prefix/sentiment/v2',
      { storeUri: 's3://bucket/team/prefix', modelName: 'sentiment', version: 'v2' },
    ],
    ['file:///srv/models/sentiment', { storeUri: 'file:///srv/models', modelName: 'sentiment' }],
  ])('reads %p', (uri, expected) => {
    expect(parseModelUri(uri)).toEqual(expected);
  });

  it.each(['s3://models', 'http://models/sentiment', 's3://models/Sentiment', 'sentiment'])(
    'refuses %p with an example of the right form',
    (uri) => {
      expect(() => parseModelUri(uri)).toThrow(
        /must be <store>\/<model-name>\[\/<version>\], e\.g\. s3:\/\/models\/sentiment/,
      );
    },
  );
});
