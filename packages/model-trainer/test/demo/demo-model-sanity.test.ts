import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PREPROCESS, FileStore, loadTensorFlow, loadVersion, SentimentScorer } from '@mlops/shared';
import { DEMO_MODEL_STORE, DEMO_SAMPLE, DEMO_TRAINING } from '../../src/cli/bundled-sample.js';
import { runTraining } from '../../src/run-training.js';
import { DEFAULT_TRAIN_CONFIG } from '../../src/train/train-config.js';

// Obvious sentences written for this test (negations, single words, the README example); none is in demo.tsv.
const SANITY_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/sanity-sentences.tsv');
const SANITY = readFileSync(SANITY_FILE, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [text, label] = line.split('\t');
    return { text: text as string, positive: label === '1' };
  });
const normalize = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim();

async function wrongOn(store: FileStore, version?: string): Promise<string[]> {
  const loaded = await loadVersion(store, 'sentiment', version);
  const scorer = SentimentScorer.fromWeights(loaded.weights);
  const scores = scorer.scoreTexts(
    loaded.preprocess,
    SANITY.map((s) => s.text),
  );
  return SANITY.filter((s, i) => (scores[i] as number) >= 0.5 !== s.positive).map((s) => s.text);
}

describe('the demo model is right on the obvious', () => {
  it('the sanity set has 30 sentences, half positive, none of them in the training data', () => {
    expect(SANITY).toHaveLength(30);
    expect(SANITY.filter((s) => s.positive)).toHaveLength(15);
    const trained = new Set(
      readFileSync(DEMO_SAMPLE, 'utf8')
        .split('\n')
        .map((l) => normalize(l.split('\t')[0] ?? '')),
    );
    expect(SANITY.filter((s) => trained.has(normalize(s.text)))).toEqual([]);
  });

  it('the bundled model (what pnpm start serves on a fresh clone) gets >= 95 % right', async () => {
    const wrong = await wrongOn(new FileStore(DEMO_MODEL_STORE));
    expect(wrong.length).toBeLessThanOrEqual(Math.floor(SANITY.length * 0.05));
  });

  it('retraining it as documented (demo.tsv, DEMO_TRAINING) reproduces that', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'demo-model-')));
    const outcome = await runTraining({
      dataFile: DEMO_SAMPLE,
      store,
      modelName: 'sentiment',
      config: { ...DEFAULT_TRAIN_CONFIG, embeddingDim: DEMO_TRAINING.embeddingDim, epochs: DEMO_TRAINING.epochs },
      preprocess: { ...DEFAULT_PREPROCESS, buckets: DEMO_TRAINING.buckets },
      maxBadShare: 0.01,
      runtime: await loadTensorFlow(),
      log: () => {},
    });
    const wrong = await wrongOn(store, outcome.published.version);
    expect(wrong.length).toBeLessThanOrEqual(Math.floor(SANITY.length * 0.05));
  });

  it('the model trained on the small sample alone is not enough (why demo.tsv exists)', async () => {
    const store = new FileStore(mkdtempSync(join(tmpdir(), 'demo-model-')));
    const outcome = await runTraining({
      dataFile: resolve(dirname(DEMO_SAMPLE), 'sample.tsv'),
      store,
      modelName: 'sentiment',
      config: { ...DEFAULT_TRAIN_CONFIG, embeddingDim: DEMO_TRAINING.embeddingDim, epochs: DEMO_TRAINING.epochs },
      preprocess: { ...DEFAULT_PREPROCESS, buckets: DEMO_TRAINING.buckets },
      maxBadShare: 0.01,
      runtime: await loadTensorFlow(),
      log: () => {},
    });
    expect((await wrongOn(store, outcome.published.version)).length).toBeGreaterThan(1);
  });
});
