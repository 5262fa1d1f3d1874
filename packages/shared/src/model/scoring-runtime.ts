/** What scores a served model, as the API reports it (mlops_model_info's backend label, the start-up log). */
export interface ScoringRuntime {
  /** `js` for the typed-array scorer; a TensorFlow.js backend name (`cpu`, `tensorflow`) for a tfjs runtime. */
  readonly backend: string;
  /** Version of the scoring code's engine, for the start-up log. */
  readonly version: string;
  /** Why a faster backend is not used, when it is not. @default - absent */
  readonly fallbackReason?: string;
  /** Live TensorFlow.js tensors and their bytes (mlops_tfjs_tensors / mlops_tfjs_bytes); zero without tfjs. */
  memory(): { readonly numTensors: number; readonly numBytes: number };
}

/**
 * The API's runtime: scoring is plain typed arrays ({@link SentimentScorer}), so TensorFlow.js is never loaded
 * and no tensor ever exists (the tensor gauges stay at 0 by construction).
 */
export const TYPED_ARRAY_RUNTIME: ScoringRuntime = {
  backend: 'js',
  version: 'typed-arrays',
  memory: () => ({ numTensors: 0, numBytes: 0 }),
};
