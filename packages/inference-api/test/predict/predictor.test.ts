import { labelsOf, loadCandidate, loadTensorFlow } from '@mlops/shared';
import { publishCopy } from '@mlops/shared/testing/faults';
import * as tf from '@mlops/shared/tf';
import pino from 'pino';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import type { ServedModel } from '../../src/model/model-holder.js';
import { type ModelSource, ScoringQueue } from '../../src/model/scoring-queue.js';
import { Predictor } from '../../src/predict/predictor.js';
import { publishTestModel, TEST_PREPROCESS, tempStore } from '../helpers.js';

/** Two real, different versions: other weights, other hashing (buckets) and other labels. */
async function twoModels(): Promise<[ServedModel, ServedModel]> {
  const { store } = tempStore();
  const a = await publishTestModel(store, 1);
  const trained = await publishTestModel(store, 2, { ...TEST_PREPROCESS, buckets: 2048 });
  const b = await publishCopy(store, 'sentiment', trained, { metadata: { labels: ['bad', 'good'] } });
  const backend = (await loadTensorFlow()).backend;
  const serve = async (version: string): Promise<ServedModel> => {
    const { loaded, scorer } = await loadCandidate(store, 'sentiment', version);
    return { version, labels: labelsOf(loaded.metadata), scorer, loaded, backend };
  };
  return [await serve(a), await serve(b)];
}

/** The model holder's role, swapped by hand so that a swap lands exactly between two requests being queued. */
function handSwappedSource(first: ServedModel) {
  const source = { current: first, leases: 0 };
  const models: ModelSource = {
    acquire: () => {
      source.leases++;
      return source.current;
    },
    release: () => {
      source.leases--;
    },
    notReadyReason: undefined,
  };
  return { source, models };
}

describe('the Predictor: one prediction path, one model per answer', () => {
  it('scores every text with the model it was queued with when the model changes between enqueue and flush', async () => {
    const [a, b] = await twoModels();
    const { source, models } = handSwappedSource(a);
    const metrics = createMetrics('tenant-test', tf);
    const queue = new ScoringQueue(models, metrics, {
      maxBatchSize: 32,
      maxWaitMs: 0,
      maxQueuedTexts: 512,
      maxQueuedBatches: 8,
      maxQueueWaitMs: 0,
    });
    const predictor = new Predictor({
      config: { maxBatch: 64, maxTextLength: 1000, logTexts: false },
      queue,
      metrics,
      logger: pino({ level: 'silent' }),
    });
    const calls = { [a.version]: [] as number[], [b.version]: [] as number[] };
    for (const m of [a, b]) {
      const scoreRows = m.scorer.scoreRows.bind(m.scorer);
      // Records each model call's size, then scores for real.
      m.scorer.scoreRows = (rows: readonly Int32Array[]) => {
        calls[m.version]?.push(rows.length);
        return scoreRows(rows);
      };
    }
    // All queued in one turn, before the queue's first slice runs: A, A, then B, B, then A again.
    const requests: Array<[ServedModel, readonly string[], Promise<unknown>]> = [];
    const send = (model: ServedModel, texts: readonly string[], single: boolean) =>
      requests.push([model, texts, predictor.predict(single ? texts[0] : texts, { single })]);
    send(a, ['a wonderful film'], true);
    send(a, ['a dull, tedious film'], true);
    source.current = b;
    send(b, ['a wonderful film', 'a dull, tedious film', 'fine'], false);
    send(b, ['not good at all'], true);
    source.current = a;
    send(a, ['moving and funny'], true);

    const answers = (await Promise.all(requests.map(([, , answer]) => answer))) as Array<
      Awaited<ReturnType<Predictor['predict']>>
    >;
    // The batches split at each swap: A's two texts, B's four, A's last one; never a call mixing the two.
    expect(calls).toEqual({ [a.version]: [2, 1], [b.version]: [4] });
    for (const [i, [model, texts]] of requests.entries()) {
      const { version, items } = answers[i] as (typeof answers)[number];
      expect(version).toBe(model.version);
      // The same probabilities as that model featurizing (with its own buckets) and scoring the texts by itself.
      const own = Array.from(model.scorer.scoreTexts(model.loaded.preprocess, texts));
      expect(items.map((p) => p.probability)).toEqual(own);
      expect(items.map((p) => p.label)).toEqual(own.map((p) => model.labels[p >= 0.5 ? 1 : 0]));
    }
    expect(source.leases).toBe(0);
    expect(queue.depth).toBe(0);
  });
});
