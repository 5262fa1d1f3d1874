import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The labelled sample shipped with the trainer, for the offline demo and tests. */
export const BUNDLED_SAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/sample.tsv');

/** The demo training set: the sample plus template sentences written for the project (data/README.md). */
export const DEMO_SAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/demo.tsv');

/** A model store holding the bundled demo model (`sentiment`), trained on DEMO_SAMPLE by DEMO_TRAINING. */
export const DEMO_MODEL_STORE = resolve(dirname(fileURLToPath(import.meta.url)), '../../demo-model');

/** How the bundled demo model is trained: compact (1 MB) and quick; docs/model.md has the command. */
export const DEMO_TRAINING = { buckets: 16_384, embeddingDim: 16, epochs: 3 } as const;
