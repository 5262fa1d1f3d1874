import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The labelled sample shipped with the trainer, for the offline demo and tests. */
export const BUNDLED_SAMPLE = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/sample.tsv');
