import { publishCopy } from '@mlops/shared/testing/faults';
import * as tf from '@mlops/shared/tf';
import { post, publishTestModel, startTestApp, type TestApp, tempStore } from '../helpers.js';

let app: TestApp;
afterAll(async () => {
  await app.close();
});

describe('the scoring queue across a version swap', () => {
  it('answers each batch with one version, and frees the old model once its last batch is done', async () => {
    const { dir, store } = tempStore();
    const first = await publishTestModel(store);
    // Training used TensorFlow.js in this process; the API's scorer is typed arrays and holds no tensor at all.
    const noModel = tf.memory().numTensors;
    app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment`, MAX_QUEUE_WAIT_MS: '0' });
    await post(`${app.url}/predict`, { text: 'warm up' });
    expect(tf.memory().numTensors).toBe(noModel);
    const texts = Array.from({ length: 64 }, (_, i) => `${'a moving film that was not good. '.repeat(120)}${i}`);
    const batches = Array.from({ length: 4 }, () => post(`${app.url}/predict/batch`, { texts }));
    await new Promise((r) => setTimeout(r, 100)); // the batches are queued and being scored in slices
    const second = await publishCopy(store, 'sentiment', first, { now: new Date(Date.UTC(2030, 0, 1)) });
    expect(await app.service.models.checkForNewVersion()).toBe(second);
    const results = await Promise.all(batches);
    for (const res of results) {
      expect(res.status).toBe(200);
      const versions = new Set(res.json.predictions.map((p: { model_version: string }) => p.model_version));
      expect(versions.size).toBe(1);
    }
    // Batches queued before the swap were finished by the old version, which stayed alive for them.
    expect(results.some((r) => r.json.predictions[0].model_version === first)).toBe(true);
    expect((await post(`${app.url}/predict`, { text: 'fine' })).json.model_version).toBe(second);
    expect(tf.memory().numTensors).toBe(noModel);
    expect(app.service.queue.depth).toBe(0);
  });
});
