import { DEFAULT_PREPROCESS, type PreprocessConfig, parseCli } from '@mlops/shared';
import { DNS1123_LABEL } from '@mlops/shared/contract';
import { TrainerError } from '../errors.js';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../train/train-config.js';
import { TRAIN_CLI } from './train-help.js';

/** The parsed command line of `pnpm train`. */
export interface TrainArgs {
  readonly help: boolean;
  readonly data: string;
  readonly eval?: string;
  readonly out: string;
  readonly modelName: string;
  readonly maxBadShare: number;
  readonly config: TrainConfig;
  readonly preprocess: PreprocessConfig;
}

/** Defaults that depend on where the repo is. */
export interface TrainArgDefaults {
  readonly data: string;
  readonly out: string;
}

const INTEGER_OPTIONS = {
  epochs: [1, 1000],
  'batch-size': [1, 65536],
  seed: [0, 2 ** 31 - 1],
  'embedding-dim': [1, 1024],
  'hidden-units': [1, 4096],
  buckets: [16, 2 ** 24],
} as const;

/** Parses and validates arguments; every problem at once in one BAD_ARGUMENT error (unknown options: CliUsageError). */
export function parseTrainArgs(argv: readonly string[], defaults: TrainArgDefaults): TrainArgs {
  const parsed = parseCli(TRAIN_CLI, argv);
  if (!parsed)
    return {
      help: true,
      data: defaults.data,
      out: defaults.out,
      modelName: 'sentiment',
      maxBadShare: 0.01,
      config: DEFAULT_TRAIN_CONFIG,
      preprocess: DEFAULT_PREPROCESS,
    };
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const problems: string[] = [];
  const int = (name: keyof typeof INTEGER_OPTIONS, fallback: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    const [min, max] = INTEGER_OPTIONS[name];
    if (!Number.isInteger(n) || n < min || n > max)
      problems.push(`--${name} ${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const fraction = (name: string, fallback: number, max = 1): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || n > max)
      problems.push(`--${name} ${JSON.stringify(raw)} must be a number from 0 to ${max}`);
    return n;
  };
  const modelName = (values['model-name'] as string | undefined) ?? 'sentiment';
  if (!DNS1123_LABEL.test(modelName))
    problems.push(`--model-name ${JSON.stringify(modelName)} must be lowercase letters, digits and '-'`);
  const out = (values.out as string | undefined) ?? defaults.out;
  if (!/^(file|s3):\/\/.+/.test(out))
    problems.push(`--out ${JSON.stringify(out)} must be a store URI: file:///absolute/folder or s3://bucket[/prefix]`);
  const config: TrainConfig = {
    ...DEFAULT_TRAIN_CONFIG,
    epochs: int('epochs', DEFAULT_TRAIN_CONFIG.epochs),
    batchSize: int('batch-size', DEFAULT_TRAIN_CONFIG.batchSize),
    seed: int('seed', DEFAULT_TRAIN_CONFIG.seed),
    embeddingDim: int('embedding-dim', DEFAULT_TRAIN_CONFIG.embeddingDim),
    hiddenUnits: int('hidden-units', DEFAULT_TRAIN_CONFIG.hiddenUnits),
    learningRate: fraction('learning-rate', DEFAULT_TRAIN_CONFIG.learningRate, 10),
    embeddingEncoding: encoding(values['embedding-encoding'], problems),
  };
  const maxBadShare = fraction('max-bad-rows', 0.01);
  const preprocess: PreprocessConfig = { ...DEFAULT_PREPROCESS, buckets: int('buckets', DEFAULT_PREPROCESS.buckets) };
  if (problems.length > 0)
    throw new TrainerError('BAD_ARGUMENT', `${problems.join('\n')}\nRun "pnpm train --help" for the options.`);
  return {
    help: values.help === true,
    data: (values.data as string | undefined) ?? defaults.data,
    ...(values.eval ? { eval: values.eval as string } : {}),
    out,
    modelName,
    maxBadShare,
    config,
    preprocess,
  };
}

const ENCODINGS = ['float16', 'float32'] as const;

/** --embedding-encoding: one of ENCODINGS (default float16). */
function encoding(raw: string | boolean | undefined, problems: string[]): TrainConfig['embeddingEncoding'] {
  if (raw === undefined) return DEFAULT_TRAIN_CONFIG.embeddingEncoding;
  const found = ENCODINGS.find((e) => e === raw);
  if (!found) problems.push(`--embedding-encoding ${JSON.stringify(raw)} must be one of ${ENCODINGS.join(', ')}`);
  return found ?? DEFAULT_TRAIN_CONFIG.embeddingEncoding;
}
