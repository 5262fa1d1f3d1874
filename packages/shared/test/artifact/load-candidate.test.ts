import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listVersions, loadCandidate, readVersionFingerprint } from '../../src/artifact/load-candidate.js';
import { PROBE_TEXTS } from '../../src/artifact/probe-set.js';
import { type PublishedMetadata, publishVersion } from '../../src/artifact/publish-version.js';
import { buildSentimentModel } from '../../src/model/sentiment-model.js';
import * as tf from '../../src/model/tf.js';
import { DEFAULT_PREPROCESS } from '../../src/preprocess/preprocess-config.js';
import { FileStore } from '../../src/store/file-store.js';
import { FAULTS, type Fault, publishCopy } from '../../testing/publish-faulty.js';

const preprocess = { ...DEFAULT_PREPROCESS, buckets: 4096 };
const shape = { buckets: 4096, embeddingDim: 8, hiddenUnits: 4 };
const metadata: PublishedMetadata = {
  dataset: { name: 'test', sha256: '0'.repeat(64), bytes: 1, rows: 1 },
  shape,
  preprocess,
  hyperParameters: { epochs: 1 },
  metrics: { trainSeconds: 0 },
  tfjsVersion: tf.version_core,
  backend: 'cpu',
};

const store = new FileStore(mkdtempSync(join(tmpdir(), 'candidate-')));
let good: string;

beforeAll(async () => {
  const model = buildSentimentModel(shape, 3);
  good = (
    await publishVersion({ store, modelName: 'sentiment', model, metadata, now: new Date('2026-11-01T00:00:00Z') })
  ).version;
  model.dispose();
  // The first load initialises tfjs-layers' own caches; measure leaks from the second on.
  (await loadCandidate(store, 'sentiment', good)).scorer.dispose();
});

const memory = () => {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
};

const expectedCode: Record<(typeof FAULTS)[Fault], string> = {
  validation: 'INVALID_MODEL',
  load: 'UNLOADABLE_ARTIFACT',
  format: 'INCOMPATIBLE_ARTIFACT',
};

describe('loadCandidate: a version is loaded, built and validated as one transaction', () => {
  it('records the probe scores at publish time', async () => {
    const loaded = await loadCandidate(store, 'sentiment', good);
    expect(loaded.loaded.metadata.probes?.texts).toEqual(PROBE_TEXTS);
    expect(loaded.loaded.metadata.probes?.scores).toHaveLength(PROBE_TEXTS.length);
    loaded.scorer.dispose();
  });

  it.each(Object.keys(FAULTS) as Fault[])(
    'rejects a version with %s and leaves tensor count and bytes where they were',
    async (fault) => {
      const bad = await publishCopy(store, 'sentiment', good, { fault, moveLatest: false });
      const before = memory();
      const error = await loadCandidate(store, 'sentiment', bad).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: expectedCode[FAULTS[fault]], message: expect.stringContaining(bad) });
      expect(memory()).toEqual(before);
    },
  );

  it('names every validation problem of a NaN version at once', async () => {
    const bad = await publishCopy(store, 'sentiment', good, { fault: 'nan-weights', moveLatest: false });
    const error = (await loadCandidate(store, 'sentiment', bad).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/weight output\/bias.* holds a non-finite value \(NaN\)/);
    expect(error.message).toMatch(/probe texts score NaN.*must be finite in \[0, 1\]/);
  });

  it('after failures, a good version still loads, holds no tensor at all and serves the recorded scores', async () => {
    const before = memory();
    const copy = await publishCopy(store, 'sentiment', good, { moveLatest: false });
    const loaded = await loadCandidate(store, 'sentiment', copy);
    expect(memory()).toEqual(before);
    const scores = Array.from(loaded.scorer.scoreTexts(loaded.loaded.preprocess, PROBE_TEXTS));
    expect(scores).toEqual(loaded.loaded.metadata.probes?.scores);
    expect(memory()).toEqual(before);
  });

  it('lists versions newest first and fingerprints a version by its manifest', async () => {
    const versions = await listVersions(store, 'sentiment');
    expect(versions[versions.length - 1]).toBe(good);
    expect([...versions].sort().reverse()).toEqual(versions);
    expect(await readVersionFingerprint(store, 'sentiment', good)).toMatch(/^[0-9a-f]{64}$/);
    expect(await listVersions(store, 'nothing-here')).toEqual([]);
  });
});
