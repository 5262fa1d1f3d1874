import * as tf from '@mlops/shared/tf';
import fc from 'fast-check';
import { post, publishTestModel, startTestApp, type TestApp, tempStore } from '../helpers.js';

let app: TestApp;
beforeAll(async () => {
  const { dir, store } = tempStore();
  await publishTestModel(store);
  app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment`, MAX_TEXT_LENGTH: '200', BODY_LIMIT_BYTES: '4096' });
});
afterAll(async () => {
  await app.close();
});

const routes = ['/predict', '/predict/batch', '/v2/models/sentiment/infer'];
const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/json; charset=latin1',
  '',
];
const body = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 300 }),
  fc.record({ text: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null), fc.array(fc.string())) }),
  fc.record({ texts: fc.array(fc.oneof(fc.string({ maxLength: 50 }), fc.integer()), { maxLength: 80 }) }),
  fc.record({
    inputs: fc.array(
      fc.record({
        datatype: fc.constantFrom('BYTES', 'FP32'),
        shape: fc.array(fc.integer({ min: -1, max: 5 })),
        data: fc.array(fc.string()),
      }),
    ),
  }),
);

describe('random bodies (property test)', () => {
  it('never answer 5xx, always answer JSON errors, and leak no tensors', async () => {
    await post(`${app.url}/predict`, { text: 'warm up' });
    const tensorsBefore = tf.memory().numTensors;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...contentTypes),
        body,
        async (route, contentType, value) => {
          const raw = typeof value === 'string' ? value : JSON.stringify(value);
          const res = await post(`${app.url}${route}`, raw, contentType ? { 'content-type': contentType } : {});
          expect(res.status).toBeLessThan(500);
          expect(res.json).toBeDefined();
          if (res.status >= 400) expect(res.text).not.toMatch(/\n\s+at /);
        },
      ),
      { numRuns: 300, seed: 20261127 },
    );
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('keeps the tensor count constant over thousands of predictions', async () => {
    const before = tf.memory().numTensors;
    const texts = ['great', 'awful film', 'it was not good', 'a moving, funny and warm story'];
    for (let round = 0; round < 50; round++) {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => post(`${app.url}/predict`, { text: texts[i % texts.length] })),
      );
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
