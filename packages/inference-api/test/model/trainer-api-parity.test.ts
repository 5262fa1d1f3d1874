import { BUNDLED_SAMPLE, DEFAULT_TRAIN_CONFIG, readDataset, trainModel } from '@mlops/model-trainer';
import { post, startTestApp, TEST_PREPROCESS, tempStore } from '../helpers.js';
import { featurize, loadTensorFlow, publishVersion, SentimentScorer, tf } from '../reexports.js';

describe('trainer and API parity', () => {
  it('give identical scores for the same texts', async () => {
    const runtime = await loadTensorFlow();
    const data = await readDataset(BUNDLED_SAMPLE);
    const set = {
      features: data.examples.map((e) => featurize(e.text, TEST_PREPROCESS)),
      labels: Uint8Array.from(data.examples, (e) => e.label),
    };
    const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 2, batchSize: 16 };
    const { model } = trainModel(TEST_PREPROCESS.buckets, set, set, config);
    const texts = ['The movie was wonderful.', "I didn't like it at all!", 'An ok film', 'Ünïcödé and “quotes”', 'x'];
    const trainerScores = Array.from(SentimentScorer.fromModel(model).scoreTexts(TEST_PREPROCESS, texts));

    const { dir, store } = tempStore();
    await publishVersion({
      store,
      modelName: 'sentiment',
      model,
      metadata: {
        dataset: { name: 'sample', sha256: data.sha256, bytes: data.bytes, rows: data.examples.length },
        shape: { buckets: TEST_PREPROCESS.buckets, embeddingDim: config.embeddingDim, hiddenUnits: config.hiddenUnits },
        preprocess: TEST_PREPROCESS,
        hyperParameters: {},
        metrics: { trainSeconds: 0 },
        tfjsVersion: tf.version_core,
        backend: runtime.backend,
      },
    });
    const app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment` });
    const { json } = await post(`${app.url}/v2/models/sentiment/infer`, {
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [texts.length], data: texts }],
    });
    expect(json.outputs[1].data).toEqual(trainerScores);
    await app.close();
  });
});
