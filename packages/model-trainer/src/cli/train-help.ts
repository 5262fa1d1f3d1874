import { type CliOption, type CliSpec, DEFAULT_PREPROCESS } from '@mlops/shared';
import { S3_ENV } from '@mlops/shared/contract';
import { DEFAULT_TRAIN_CONFIG } from '../train/train-config.js';

const string = (placeholder: string, description: string, defaultText?: string): CliOption => ({
  type: 'string',
  placeholder,
  description,
  ...(defaultText === undefined ? {} : { defaultText }),
});

/** The `pnpm train` command line: its options and --help text. */
export const TRAIN_CLI = {
  command: 'pnpm train',
  usage: '[--data <file>] [--eval <file>] [--out <store-uri>] [options]',
  summary: `Trains the sentiment model with TensorFlow.js and publishes a new version to a model store:
<store>/<model-name>/<version>/ (model.json, weights.bin, preprocess.json, metadata.json,
checksums.sha256), then moves <store>/<model-name>/LATEST to it.`,
  options: {
    data: string(
      '<file>',
      `training data: TSV (GLUE SST-2 "sentence<TAB>label" with header, or "text<TAB>label"),
CSV, or JSONL {"text","label"}; labels 0/1 or negative/positive; s3://bucket/key downloads it first`,
      'the bundled sample, packages/model-trainer/data/sample.tsv',
    ),
    eval: string('<file>', 'labelled data to report accuracy, precision, recall, F1 and the confusion matrix on'),
    'max-bad-rows': string('<share>', 'fail when more than this share of rows is malformed', '0.01'),
    out: string('<store-uri>', 'file:///absolute/folder or s3://bucket[/prefix]', 'file://<repo>/.models'),
    'model-name': string('<name>', 'model name inside the store', 'sentiment'),
    epochs: string('<n>', 'most epochs; early stopping on validation accuracy', String(DEFAULT_TRAIN_CONFIG.epochs)),
    'batch-size': string('<n>', 'examples per step', String(DEFAULT_TRAIN_CONFIG.batchSize)),
    'learning-rate': string('<x>', 'embedding Adagrad rate', String(DEFAULT_TRAIN_CONFIG.learningRate)),
    'embedding-dim': string('<n>', 'embedding width', String(DEFAULT_TRAIN_CONFIG.embeddingDim)),
    'hidden-units': string('<n>', 'hidden layer width', String(DEFAULT_TRAIN_CONFIG.hiddenUnits)),
    seed: string('<n>', 'same seed and data, same model', String(DEFAULT_TRAIN_CONFIG.seed)),
    'embedding-encoding': string(
      '<enc>',
      'how the artifact stores the embedding table: float16 (half the size and API memory) or float32',
      DEFAULT_TRAIN_CONFIG.embeddingEncoding,
    ),
    buckets: string(
      '<n>',
      'feature hash buckets (rows of the embedding table): fewer make a smaller artifact',
      String(DEFAULT_PREPROCESS.buckets),
    ),
  },
  sections: [
    {
      title: 'Environment (S3 only)',
      body: `  ${S3_ENV.endpoint}, ${S3_ENV.region} pick the server; credentials come from the standard AWS variables
  (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or chain.`,
    },
  ],
  examples: [
    'pnpm train --data packages/model-trainer/data/demo.tsv --eval packages/model-trainer/test/fixtures/sanity-sentences.tsv',
    'pnpm train --data ../shared/data/sst2/train.tsv --eval ../shared/data/sst2/dev.tsv --out file://$PWD/.models',
  ],
} as const satisfies CliSpec<Record<string, CliOption>>;
