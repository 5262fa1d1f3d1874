/** Hyper-parameters of a training run; all recorded in the artifact metadata. */
export interface TrainConfig {
  /** Most passes over the training set; early stopping may end sooner. */
  readonly epochs: number;
  readonly batchSize: number;
  /** Adagrad learning rate of the embedding rows. */
  readonly learningRate: number;
  /** Adagrad learning rate of the dense layers. */
  readonly denseLearningRate: number;
  readonly embeddingDim: number;
  readonly hiddenUnits: number;
  readonly seed: number;
  /** Share of the training data held out for validation and early stopping. */
  readonly validationShare: number;
  /** Epochs without a better validation accuracy before stopping. */
  readonly patience: number;
  /** Adagrad's starting accumulator: small, so the first steps are not damped (batch-mean gradients are tiny). */
  readonly initialAccumulator: number;
  /**
   * Average the weights of every epoch from this one on (stochastic weight averaging); 0 turns it off and
   * keeps the best epoch by validation accuracy instead. Averaging makes the result far less sensitive to
   * where training stops.
   */
  readonly averageFromEpoch: number;
  /** Share of each training text's features dropped at random per step (a regularizer; none at inference). */
  readonly featureDropout: number;
  /**
   * How the published artifact stores the embedding table: `float16` halves it (and the API's memory for it);
   * the trained table is rounded to half precision before the final evaluation, so the metrics are those of
   * what is served (SST-2 dev accuracy change: docs/benchmarks.md).
   */
  readonly embeddingEncoding: 'float16' | 'float32';
}

/** Defaults tuned on SST-2 (figures in docs/benchmarks.md). */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  epochs: 4,
  batchSize: 32,
  learningRate: 0.05,
  denseLearningRate: 0.02,
  embeddingDim: 32,
  hiddenUnits: 32,
  seed: 42,
  validationShare: 0.05,
  patience: 1,
  featureDropout: 0.5,
  initialAccumulator: 1e-6,
  averageFromEpoch: 2,
  embeddingEncoding: 'float16',
};
