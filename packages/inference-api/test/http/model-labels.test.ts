import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishCopy } from '@mlops/shared/testing/faults';
import { post, publishTestModel, startTestApp, tempStore } from '../helpers.js';

const DEMO_MODEL = resolve(dirname(fileURLToPath(import.meta.url)), '../../../model-trainer/demo-model');

/** Where each case's model lives: a store whose LATEST is the version to serve. */
async function storeWith(labels: 'custom' | 'absent' | 'demo'): Promise<string> {
  if (labels === 'demo') return DEMO_MODEL;
  const { dir, store } = tempStore();
  const base = await publishTestModel(store);
  await publishCopy(store, 'sentiment', base, {
    metadata: { labels: labels === 'custom' ? ['bad', 'good'] : undefined },
  });
  return dir;
}

describe("the API answers with the served version's labels", () => {
  it.each<[string, 'custom' | 'absent' | 'demo', [string, string]]>([
    ['a version that records ["bad","good"]', 'custom', ['bad', 'good']],
    ['an old version without labels: the shared default', 'absent', ['negative', 'positive']],
    ['the bundled demo model', 'demo', ['negative', 'positive']],
  ])('%s', async (_name, labels, [negative, positive]) => {
    const app = await startTestApp({ MODEL_URI: `file://${await storeWith(labels)}/sentiment` });
    try {
      const info = (await (await fetch(`${app.url}/`)).json()) as { model: { labels: string[] } };
      expect(info.model.labels).toEqual([negative, positive]);
      expect((await post(`${app.url}/predict`, { text: 'A wonderful, moving film.' })).json.prediction).toBe(positive);
      const batch = await post(`${app.url}/predict/batch`, { texts: ['A wonderful film.', 'A terrible, dull film.'] });
      expect(batch.json.predictions.map((p: { prediction: string }) => p.prediction)).toEqual([positive, negative]);
      const v2 = await post(`${app.url}/v2/models/sentiment/infer`, {
        inputs: [{ name: 'text', datatype: 'BYTES', shape: [1], data: ['A terrible, dull film.'] }],
      });
      expect(v2.json.outputs[0].data).toEqual([negative]);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toContain(`mlops_predictions_total{label="${positive}",tenant="tenant-test"} 2`);
      expect(metrics).toContain(`mlops_predictions_total{label="${negative}",tenant="tenant-test"} 2`);
    } finally {
      await app.close();
    }
  });
});
