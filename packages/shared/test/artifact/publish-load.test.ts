import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACT_FORMAT } from '../../src/artifact/artifact-format.js';
import { formatChecksums, parseChecksums } from '../../src/artifact/checksums.js';
import { loadVersion, readLatestVersion } from '../../src/artifact/load-version.js';
import { type PublishedMetadata, publishVersion } from '../../src/artifact/publish-version.js';
import { SharedError } from '../../src/errors.js';
import { decodeFloat16, encodeFloat16 } from '../../src/model/float16.js';
import { WEIGHT } from '../../src/model/model-shape.js';
import { buildSentimentModel } from '../../src/model/sentiment-model.js';
import { SentimentScorer } from '../../src/model/sentiment-scorer.js';
import * as tf from '../../src/model/tf.js';
import { DEFAULT_PREPROCESS } from '../../src/preprocess/preprocess-config.js';
import { FileStore } from '../../src/store/file-store.js';

const preprocess = { ...DEFAULT_PREPROCESS, buckets: 256 };
const shape = { buckets: 256, embeddingDim: 4, hiddenUnits: 3 };
const metadata: PublishedMetadata = {
  dataset: { name: 'test', sha256: '0'.repeat(64), bytes: 1, rows: 1 },
  shape,
  preprocess,
  hyperParameters: { epochs: 1 },
  metrics: { trainSeconds: 0 },
  tfjsVersion: tf.version_core,
  backend: 'cpu',
};

async function publish(store: FileStore, now = new Date('2026-11-27T10:15:00Z'), seed = 1) {
  const model = buildSentimentModel(shape, seed);
  const published = await publishVersion({ store, modelName: 'sentiment', model, metadata, now });
  model.dispose();
  return published;
}

describe('publishVersion and loadVersion', () => {
  it('round-trips a model: same scores after loading', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'artifact-')));
    const model = buildSentimentModel(shape, 7);
    const before = SentimentScorer.fromModel(model).scoreTexts(preprocess, ['good film', 'bad film', '']);
    const published = await publishVersion({
      store,
      modelName: 'sentiment',
      model,
      metadata,
      now: new Date('2026-11-27T10:15:00Z'),
    });
    expect(published.version).toMatch(/^v20261127-101500-[0-9a-f]{6}$/);
    expect([...published.files.keys()].sort()).toEqual([
      'metadata.json',
      'model.json',
      'preprocess.json',
      'weights.bin',
    ]);
    const loaded = await loadVersion(store, 'sentiment');
    expect(loaded.version).toBe(published.version);
    expect(loaded.metadata).toMatchObject({
      version: published.version,
      modelName: 'sentiment',
      createdAt: '2026-11-27T10:15:00.000Z',
    });
    const after = SentimentScorer.fromWeights(loaded.weights).scoreTexts(loaded.preprocess, [
      'good film',
      'bad film',
      '',
    ]);
    expect([...after]).toEqual([...before]);
    model.dispose();
  });

  it.each<[string, { labels?: readonly [string, string] }, readonly string[]]>([
    ['the default labels', {}, ['negative', 'positive']],
    ['the labels the caller names', { labels: ['bad', 'good'] }, ['bad', 'good']],
  ])('stamps the artifact format and %s into the metadata (the caller sets neither)', async (_name, extra, labels) => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'artifact-')));
    const model = buildSentimentModel(shape, 5);
    await publishVersion({ store, modelName: 'sentiment', model, metadata, ...extra });
    model.dispose();
    const loaded = await loadVersion(store, 'sentiment');
    expect(loaded.metadata.format).toBe(ARTIFACT_FORMAT);
    expect(loaded.metadata.labels).toEqual(labels);
  });

  it('scores like the full TF.js model (Embedding + Dot layers) to float precision', async () => {
    const model = buildSentimentModel(shape, 3);
    const scorer = SentimentScorer.fromModel(model);
    const texts = ['a fine and moving film', 'dull', 'not good at all, sadly'];
    const fast = scorer.scoreTexts(preprocess, texts);
    const { featurize } = await import('../../src/preprocess/featurize.js');
    const { toFeatureBatch } = await import('../../src/preprocess/to-batch.js');
    const batch = toFeatureBatch(texts.map((t) => featurize(t, preprocess)));
    const full = tf.tidy(() =>
      (
        model.predict([
          tf.tensor2d(batch.ids, [batch.size, batch.width], 'int32'),
          tf.tensor2d(batch.weights, [batch.size, batch.width]),
        ]) as tf.Tensor
      ).dataSync(),
    );
    for (const [i, score] of fast.entries()) expect(score).toBeCloseTo(full[i] as number, 6);
    scorer.dispose();
  });

  it('stores a float16 table at half the size; the API reads it and tfjs-layers still loads the artifact', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'artifact-')));
    const model = buildSentimentModel(shape, 5);
    const texts = ['good film', 'bad film', 'not good at all', ''];
    const plain = await publishVersion({
      store,
      modelName: 'f32',
      model,
      metadata,
      now: new Date('2026-11-27T10:00:00Z'),
    });
    const half = await publishVersion({
      store,
      modelName: 'f16',
      model,
      metadata: { ...metadata, weightEncoding: { [WEIGHT.embedding]: 'float16' } },
      now: new Date('2026-11-27T10:00:00Z'),
    });
    const table = (shape.buckets + 1) * shape.embeddingDim;
    expect((plain.files.get('weights.bin') as number) - (half.files.get('weights.bin') as number)).toBe(table * 2);
    const loaded = await loadVersion(store, 'f16');
    expect(loaded.weights.embedding).toBeInstanceOf(Uint16Array);
    expect(loaded.metadata.weightEncoding).toEqual({ [WEIGHT.embedding]: 'float16' });
    // The served scores are those of the model with its table rounded to half precision, to float precision.
    const rounded = decodeFloat16(
      encodeFloat16(model.getLayer('bag_embedding').getWeights()[0]?.dataSync() as Float32Array),
    );
    const reference = SentimentScorer.fromWeights({ ...(await loadVersion(store, 'f32')).weights, embedding: rounded });
    expect(Array.from(SentimentScorer.fromWeights(loaded.weights).scoreTexts(preprocess, texts))).toEqual(
      Array.from(reference.scoreTexts(preprocess, texts)),
    );
    // tfjs-layers decodes the same artifact (its own float16 quantization) to the same table.
    const dir = `f16/${half.version}`;
    const modelJson = JSON.parse(new TextDecoder().decode(await store.read(`${dir}/model.json`)));
    const bin = await store.read(`${dir}/weights.bin`);
    const tfjsModel = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
      }),
    );
    expect(Array.from(tfjsModel.getLayer('bag_embedding').getWeights()[0]?.dataSync() ?? [])).toEqual(
      Array.from(rounded),
    );
    tfjsModel.dispose();
    model.dispose();
  });

  it('moves LATEST to the newest version and can load a pinned older one', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'artifact-')));
    const first = await publish(store, new Date('2026-11-27T10:00:00Z'), 1);
    const second = await publish(store, new Date('2026-11-27T11:00:00Z'), 2);
    expect(await readLatestVersion(store, 'sentiment')).toBe(second.version);
    const pinned = await loadVersion(store, 'sentiment', first.version);
    expect(pinned.version).toBe(first.version);
  });

  it('refuses to overwrite an existing version', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'artifact-')));
    await publish(store);
    await expect(publish(store)).rejects.toMatchObject({ code: 'VERSION_EXISTS' });
  });

  it('rejects a version whose weights do not match the checksum manifest', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'artifact-')));
    const { version } = await publish(store);
    const weights = await store.read(`sentiment/${version}/weights.bin`);
    weights[0] = (weights[0] ?? 0) ^ 0xff;
    await store.write(`sentiment/${version}/weights.bin`, weights);
    await expect(loadVersion(store, 'sentiment')).rejects.toMatchObject({
      code: 'CORRUPT_ARTIFACT',
      message: expect.stringContaining('weights.bin does not match its checksum'),
    });
  });

  it('rejects an artifact of another format as incompatible', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'artifact-')));
    const { version } = await publish(store);
    const dir = `sentiment/${version}`;
    const meta = JSON.parse(new TextDecoder().decode(await store.read(`${dir}/metadata.json`)));
    const files = new Map<string, Uint8Array>();
    for (const name of ['model.json', 'weights.bin', 'preprocess.json'])
      files.set(name, await store.read(`${dir}/${name}`));
    files.set('metadata.json', new TextEncoder().encode(JSON.stringify({ ...meta, format: 'mlops-sentiment/2' })));
    for (const [name, data] of files) await store.write(`${dir}/${name}`, data);
    await store.write(`${dir}/checksums.sha256`, new TextEncoder().encode(formatChecksums(files)));
    await expect(loadVersion(store, 'sentiment')).rejects.toMatchObject({ code: 'INCOMPATIBLE_ARTIFACT' });
  });

  it('says how to publish when nothing is published yet', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'artifact-')));
    const error = await loadVersion(store, 'sentiment').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SharedError);
    expect((error as SharedError).message).toMatch(
      /no model "sentiment" published at file:\/\/.*; publish one with: pnpm train --out <store-uri>/,
    );
  });
});

describe('checksum manifests', () => {
  it('writes sha256sum format and parses it back', () => {
    const text = formatChecksums(
      new Map([
        ['b.bin', new Uint8Array([1])],
        ['a.json', new TextEncoder().encode('{}')],
      ]),
    );
    expect(text.split('\n')[0]).toMatch(/^[0-9a-f]{64} {2}a\.json$/);
    expect([...parseChecksums(text, 'x').keys()]).toEqual(['a.json', 'b.bin']);
    expect(() => parseChecksums('nonsense', 'x')).toThrow(/checksum line 1 is malformed/);
  });
});
