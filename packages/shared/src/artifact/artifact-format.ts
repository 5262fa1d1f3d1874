import type { ModelShape } from '../model/model-shape.js';
import type { PreprocessConfig } from '../preprocess/preprocess-config.js';
import type { ProbeScores } from './probe-set.js';

/** The artifact format this code writes and reads; the API refuses artifacts of another major format. */
export const ARTIFACT_FORMAT = 'mlops-sentiment/1';

/** The files of one model version, in `<store>/<model-name>/<version>/`. */
export const ARTIFACT_FILES = {
  model: 'model.json',
  weights: 'weights.bin',
  preprocess: 'preprocess.json',
  metadata: 'metadata.json',
  checksums: 'checksums.sha256',
} as const;

/** Name of the pointer object `<store>/<model-name>/LATEST`, written last when publishing. */
export const LATEST = 'LATEST';

/** The two class names of a version, in output order (e.g. ["negative", "positive"]). */
export type ModelLabels = readonly [string, string];

/** Classification metrics on a labelled set. */
export interface EvaluationMetrics {
  readonly examples: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** [[true negatives, false positives], [false negatives, true positives]] */
  readonly confusionMatrix: readonly [readonly [number, number], readonly [number, number]];
}

/** Everything needed to trust and reproduce a version: what it was trained on, how, and how well it does. */
export interface ModelMetadata {
  readonly format: typeof ARTIFACT_FORMAT;
  readonly modelName: string;
  readonly version: string;
  readonly createdAt: string;
  /**
   * The class names in output order: index 0 is below the threshold, index 1 (the model's output) at or above.
   * publishVersion stamps them. @default - SENTIMENT_LABELS (absent in versions published before labels were read)
   */
  readonly labels?: ModelLabels;
  readonly dataset: { readonly name: string; readonly sha256: string; readonly bytes: number; readonly rows: number };
  readonly evalDataset?: {
    readonly name: string;
    readonly sha256: string;
    readonly bytes: number;
    readonly rows: number;
  };
  readonly shape: ModelShape;
  readonly preprocess: PreprocessConfig;
  readonly hyperParameters: Readonly<Record<string, number | string | boolean>>;
  readonly metrics: {
    readonly validation?: EvaluationMetrics;
    readonly eval?: EvaluationMetrics;
    readonly trainSeconds: number;
  };
  readonly tfjsVersion: string;
  readonly backend: string;
  /** Scores of the probe set at publish time (publishVersion records them). @default - absent in older versions */
  readonly probes?: ProbeScores;
  /**
   * How weights.bin stores each weight, decided by the trainer at publish time (model.json's weightsManifest says
   * the same in tfjs's terms). @default - absent: every weight float32 (all versions before this field)
   */
  readonly weightEncoding?: WeightEncodings;
}

/** Weights stored other than as float32, by weightsManifest name: `float16` halves the embedding table. */
export type WeightEncodings = Readonly<Record<string, 'float16'>>;

/** Versions sort by time: `v20261127-101500-3fa2c1` (UTC timestamp and a content hash prefix). */
export function newVersion(now: Date, contentSha256: string): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `v${stamp}-${contentSha256.slice(0, 6)}`;
}
