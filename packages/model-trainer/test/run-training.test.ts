import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_PREPROCESS,
  FileStore,
  loadTensorFlow,
  loadVersion,
  readLatestVersion,
  S3Store,
  SentimentScorer,
  sha256,
} from '@mlops/shared';
import { startS3Server, type TestS3Server } from '@mlops/shared/testing';
import { runTraining, type TrainingRequest } from '../src/run-training.js';
import { DEFAULT_TRAIN_CONFIG } from '../src/train/train-config.js';

const SAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../data/sample.tsv');
const SMALL = { ...DEFAULT_PREPROCESS, buckets: 4096 };

async function request(overrides: Partial<TrainingRequest>): Promise<TrainingRequest> {
  return {
    dataFile: SAMPLE,
    evalFile: SAMPLE,
    store: new FileStore(mkdtempSync(join(tmpdir(), 'train-'))),
    modelName: 'sentiment',
    config: { ...DEFAULT_TRAIN_CONFIG, epochs: 3, batchSize: 16, validationShare: 0.2 },
    preprocess: SMALL,
    maxBadShare: 0.01,
    runtime: await loadTensorFlow(),
    log: () => {},
    ...overrides,
  };
}

describe('runTraining', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startS3Server(['models']);
  });
  afterAll(async () => {
    await s3.stop();
  });

  it('trains on the bundled sample, publishes a verified version and moves LATEST to it', async () => {
    const req = await request({});
    const epochs: number[] = [];
    const outcome = await runTraining({ ...req, onEpoch: (r) => epochs.push(r.epoch) });
    expect(epochs).toEqual([1, 2, 3]);
    expect(outcome.published.version).toMatch(/^v\d{8}-\d{6}-[0-9a-f]{6}$/);
    expect(await readLatestVersion(req.store, 'sentiment')).toBe(outcome.published.version);
    expect(outcome.eval?.accuracy).toBeGreaterThan(0.9);
    const loaded = await loadVersion(req.store, 'sentiment');
    expect(loaded.metadata).toMatchObject({
      modelName: 'sentiment',
      format: 'mlops-sentiment/1',
      labels: ['negative', 'positive'],
      dataset: { rows: 176 },
      backend: 'cpu',
    });
    expect(loaded.metadata.metrics.eval?.accuracy).toBe(outcome.eval?.accuracy);
    expect(loaded.preprocess).toEqual(SMALL);
  });

  it('publishes to a real S3-compatible server (s3rver on loopback)', async () => {
    const store = new S3Store({ bucket: 'models', prefix: 'ci', endpoint: s3.endpoint, credentials: s3.credentials });
    const outcome = await runTraining(await request({ store }));
    expect(outcome.published.location).toBe(`s3://models/ci @ ${s3.endpoint}/sentiment/${outcome.published.version}`);
    const loaded = await loadVersion(store, 'sentiment');
    expect(loaded.version).toBe(outcome.published.version);
    const scorer = SentimentScorer.fromWeights(loaded.weights);
    const [good, bad] = scorer.scoreTexts(loaded.preprocess, ['The movie was wonderful.', 'The movie was terrible.']);
    expect(good).toBeGreaterThan(0.5);
    expect(bad).toBeLessThan(0.5);
    scorer.dispose();
  });

  it('is reproducible: the same seed and data give the same weights', async () => {
    const a = await request({});
    const b = await request({});
    await runTraining(a);
    await runTraining(b);
    const [va, vb] = await Promise.all([
      readLatestVersion(a.store, 'sentiment'),
      readLatestVersion(b.store, 'sentiment'),
    ]);
    const [wa, wb] = await Promise.all([
      a.store.read(`sentiment/${va}/weights.bin`),
      b.store.read(`sentiment/${vb}/weights.bin`),
    ]);
    expect(sha256(wa)).toBe(sha256(wb));
  });
});

describe('fetchData', () => {
  it('downloads s3:// data to a local file and passes paths through', async () => {
    const { fetchData } = await import('../src/data/fetch-data.js');
    const s3 = await startS3Server(['datasets']);
    try {
      const conn = { endpoint: s3.endpoint, credentials: s3.credentials };
      await new S3Store({ bucket: 'datasets', ...conn }).write(
        'sst2/train.tsv',
        new TextEncoder().encode('sentence\tlabel\ngood\t1\n'),
      );
      const file = await fetchData('s3://datasets/sst2/train.tsv', conn);
      expect(file).toMatch(/train\.tsv$/);
      expect((await import('node:fs')).readFileSync(file, 'utf8')).toBe('sentence\tlabel\ngood\t1\n');
      expect(await fetchData('/local/file.tsv', conn)).toBe('/local/file.tsv');
      await expect(fetchData('s3://datasets/missing.tsv', conn)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await s3.stop();
    }
  });
});
