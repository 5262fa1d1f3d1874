import type { CliOption, CliSpec } from '@mlops/shared';

/** The `pnpm start` command line (pnpm answers `pnpm start --help` itself: use `pnpm demo --help`). */
export const DEMO_CLI = {
  command: 'pnpm start',
  usage: '[--port <n>] [--host <address>] [--retrain] [--data <file>]',
  summary: `The local demo on embedded defaults: serves tenant "local" from the model store .models/ at the repo root.
On a fresh clone that store is empty: the bundled demo model (packages/model-trainer/demo-model, 1 MB, trained
on packages/model-trainer/data/demo.tsv) is copied into it, so the API is ready in about a second.
With --retrain (or --data) a new version is trained first and served.

pnpm answers "pnpm start --help" itself; this help is "pnpm demo --help" or "pnpm start -- --help".`,
  options: {
    port: { type: 'string', placeholder: '<n>', description: 'port to listen on', defaultText: '8000, or PORT' },
    host: {
      type: 'string',
      placeholder: '<address>',
      description: 'address to listen on (0.0.0.0: every interface)',
      defaultText: '127.0.0.1, or HOST',
    },
    retrain: { type: 'boolean', description: 'train a new version on --data before serving' },
    data: {
      type: 'string',
      placeholder: '<file>',
      description: 'training data for --retrain (implies it)',
      defaultText: 'packages/model-trainer/data/demo.tsv',
    },
  },
  sections: [
    {
      title: 'A model trained on SST-2 (67k movie-review phrases; about 2 minutes, 1.5 GB RAM)',
      body: `  pnpm train --data ../shared/data/sst2/train.tsv --eval ../shared/data/sst2/dev.tsv
  pnpm start          # serves the newest version in .models/`,
    },
  ],
  examples: ['pnpm start', 'pnpm demo --port 8080', 'pnpm start -- --retrain'],
} as const satisfies CliSpec<Record<string, CliOption>>;
