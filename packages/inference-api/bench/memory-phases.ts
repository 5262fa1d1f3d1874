/**
 * Child of `pnpm bench:density`: where the API's memory goes, phase by phase, in one process started with
 * --expose-gc. Prints one JSON line per phase: process.memoryUsage() after a full GC, in MB.
 *   node alone → express + pino + prom-client → @mlops/shared (the API's scorer and loader) → model loaded →
 *   warm-up → N scorings; then TensorFlow.js (tfjs-core + layers + cpu backend), which the API no longer loads.
 * argv: <model store dir> <model name> <scorings>
 */
const [storeDir = '', modelName = 'sentiment', scoringsArg = '100000'] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function phase(name: string): void {
  gc();
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const values = { rss, heapTotal, heapUsed, external, arrayBuffers };
  console.log(
    JSON.stringify({ phase: name, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, mb(v)])) }),
  );
}

phase('node alone (+ the tsx loader)');
await import('express');
await import('pino');
await import('prom-client');
phase('express + pino + prom-client');
const shared = await import('@mlops/shared');
phase('@mlops/shared (scorer, loader, stores)');
const started = performance.now();
const candidate = await shared.loadCandidate(
  new shared.FileStore(storeDir),
  modelName,
  await shared.readLatestVersion(new shared.FileStore(storeDir), modelName),
);
const loadMs = performance.now() - started;
phase(
  `model loaded (${Math.round(loadMs)} ms, table ${candidate.loaded.metadata.shape.buckets + 1}x${candidate.loaded.metadata.shape.embeddingDim})`,
);
const texts = ['a moving and funny film', 'dull, overlong and not good', 'it was fine', 'I did not like it at all'];
for (let i = 0; i < 1000; i++) candidate.scorer.scoreTexts(candidate.loaded.preprocess, [texts[i % 4] as string]);
phase('after warm-up (1,000 scorings)');
const scorings = Number(scoringsArg);
for (let i = 0; i < scorings; i++)
  candidate.scorer.scoreTexts(candidate.loaded.preprocess, [`${texts[i % 4]} ${i % 97}`]);
phase(`after ${scorings.toLocaleString('en-US')} more scorings`);
await import('@mlops/shared/tf');
phase('+ TensorFlow.js (core, layers, cpu backend): what the API no longer loads');
