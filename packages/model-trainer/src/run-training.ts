import {
  DEFAULT_PREPROCESS,
  type EvaluationMetrics,
  featurize,
  type ModelStore,
  type PreprocessConfig,
  type PublishedVersion,
  publishVersion,
  type TensorFlowRuntime,
  WEIGHT,
} from '@mlops/shared';
import type { Example } from './data/parse-row.js';
import { type Dataset, readDataset } from './data/read-dataset.js';
import { splitExamples } from './data/split-examples.js';
import { TrainerError } from './errors.js';
import { evaluate } from './train/evaluate.js';
import { roundEmbeddingToFloat16 } from './train/round-embedding.js';
import type { TrainConfig } from './train/train-config.js';
import { type EpochReport, type FeatureSet, trainModel } from './train/train-model.js';

/** Everything a training run needs; the CLI builds it from arguments, tests build it directly. */
export interface TrainingRequest {
  readonly dataFile: string;
  /** @default - no final evaluation beyond the validation split */
  readonly evalFile?: string;
  readonly store: ModelStore;
  readonly modelName: string;
  readonly config: TrainConfig;
  /** @default DEFAULT_PREPROCESS */
  readonly preprocess?: PreprocessConfig;
  readonly maxBadShare: number;
  readonly runtime: TensorFlowRuntime;
  readonly log: (line: string) => void;
  readonly onEpoch?: (report: EpochReport) => void;
  readonly onBatch?: (done: number, total: number, loss: number) => void;
}

/** What a run produced. */
export interface TrainingOutcome {
  readonly published: PublishedVersion;
  readonly validation: EvaluationMetrics;
  readonly eval?: EvaluationMetrics;
  readonly trainSeconds: number;
  readonly examples: number;
}

/** Loads data, trains, evaluates and publishes one version. */
export async function runTraining(request: TrainingRequest): Promise<TrainingOutcome> {
  const { log, config } = request;
  const preprocess = request.preprocess ?? DEFAULT_PREPROCESS;
  const onBadRow = (where: string) => log(`skipped malformed row ${where}`);
  const data = await readDataset(request.dataFile, { maxBadShare: request.maxBadShare, onBadRow });
  const evalData = request.evalFile
    ? await readDataset(request.evalFile, { maxBadShare: request.maxBadShare, onBadRow })
    : undefined;
  log(
    `data: ${data.examples.length} rows from ${data.name}${data.badRows.length ? ` (${data.badRows.length} malformed skipped)` : ''}${evalData ? `; eval: ${evalData.examples.length} rows from ${evalData.name}` : ''}`,
  );
  if (data.examples.length < 4)
    throw new TrainerError(
      'NOT_ENOUGH_DATA',
      `${data.name} has ${data.examples.length} usable rows; training needs at least 4`,
    );
  const { train, validation } = splitExamples(data.examples, config.validationShare, config.seed);
  const started = performance.now();
  const toSet = (examples: readonly Example[]): FeatureSet => ({
    features: examples.map((e) => featurize(e.text, preprocess)),
    labels: Uint8Array.from(examples, (e) => e.label),
  });
  const trainSet = toSet(train);
  const validationSet = toSet(validation);
  log(
    `features: ${train.length} train / ${validation.length} validation rows hashed into ${preprocess.buckets} buckets in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const result = trainModel(preprocess.buckets, trainSet, validationSet, config, {
    ...(request.onEpoch ? { onEpoch: request.onEpoch } : {}),
    ...(request.onBatch ? { onBatch: request.onBatch } : {}),
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const evalSet = evalData ? toSet(evalData.examples) : undefined;
  const float16 = config.embeddingEncoding === 'float16';
  if (float16) {
    const before = evalSet ? evaluate(result.model, evalSet.features, evalSet.labels) : undefined;
    roundEmbeddingToFloat16(result.model);
    if (before && evalSet)
      log(
        `float16 embedding: eval accuracy ${evaluate(result.model, evalSet.features, evalSet.labels).accuracy.toFixed(4)} (float32: ${before.accuracy.toFixed(4)})`,
      );
  }
  const evalMetrics = evalSet ? evaluate(result.model, evalSet.features, evalSet.labels) : undefined;
  const published = await publishVersion({
    store: request.store,
    modelName: request.modelName,
    model: result.model,
    log,
    metadata: {
      dataset: describe(data),
      ...(evalData ? { evalDataset: describe(evalData) } : {}),
      shape: { buckets: preprocess.buckets, embeddingDim: config.embeddingDim, hiddenUnits: config.hiddenUnits },
      preprocess,
      hyperParameters: { ...config, bestEpoch: result.bestEpoch },
      metrics: { validation: result.validation, ...(evalMetrics ? { eval: evalMetrics } : {}), trainSeconds },
      tfjsVersion: request.runtime.tf.version_core,
      backend: request.runtime.backend,
      ...(float16 ? { weightEncoding: { [WEIGHT.embedding]: 'float16' as const } } : {}),
    },
  });
  result.model.dispose();
  return {
    published,
    validation: result.validation,
    ...(evalMetrics ? { eval: evalMetrics } : {}),
    trainSeconds,
    examples: data.examples.length,
  };
}

function describe(d: Dataset) {
  return { name: d.name, sha256: d.sha256, bytes: d.bytes, rows: d.examples.length };
}
