import { DEFAULT_TRAIN_CONFIG } from '../train/train-config.js';

/** The `pnpm train --help` text. */
export const TRAIN_HELP = `Usage: pnpm train [--data <file>] [--eval <file>] [--out <store-uri>] [options]

Trains the sentiment model with TensorFlow.js and publishes a new version to a model store:
<store>/<model-name>/<version>/ (model.json, weights.bin, preprocess.json, metadata.json,
checksums.sha256), then moves <store>/<model-name>/LATEST to it.

Data:
  --data <file>          training data: TSV (GLUE SST-2 "sentence<TAB>label" with header, or header-less
                         "text<TAB>label"), CSV, or JSONL {"text","label"}; labels 0/1 or negative/positive
                         (default: the bundled sample, packages/model-trainer/data/sample.tsv);
                         s3://bucket/key downloads it first (the in-cluster training Job)
  --eval <file>          labelled data to report accuracy, precision, recall, F1 and the confusion matrix on
  --max-bad-rows <share> fail when more than this share of rows is malformed (default 0.01)

Output:
  --out <store-uri>      file:///absolute/folder or s3://bucket[/prefix] (default: file://<repo>/.models)
  --model-name <name>    model name inside the store (default: sentiment)
                         S3: S3_ENDPOINT and S3_REGION pick the server; credentials come from the standard
                         AWS variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or chain.

Training:
  --epochs <n>           most epochs; early stopping on validation accuracy (default ${DEFAULT_TRAIN_CONFIG.epochs})
  --batch-size <n>       (default ${DEFAULT_TRAIN_CONFIG.batchSize})
  --learning-rate <x>    embedding Adagrad rate (default ${DEFAULT_TRAIN_CONFIG.learningRate})
  --embedding-dim <n>    (default ${DEFAULT_TRAIN_CONFIG.embeddingDim})
  --hidden-units <n>     (default ${DEFAULT_TRAIN_CONFIG.hiddenUnits})
  --seed <n>             same seed and data, same model (default ${DEFAULT_TRAIN_CONFIG.seed})
  -h, --help             show this help

Example:
  pnpm train --data ../shared/data/sst2/train.tsv --eval ../shared/data/sst2/dev.tsv --out file://$PWD/.models`;
