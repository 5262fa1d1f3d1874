import type { WEIGHT } from './model-shape.js';

/** The weights of the dense head: relu(bag·hiddenKernel + hiddenBias)·outputKernel + outputBias. */
export interface DenseWeights {
  /** Embedding width (rows of hiddenKernel). */
  readonly dim: number;
  /** Hidden units (columns of hiddenKernel). */
  readonly hidden: number;
  /** dim × hidden, row-major. */
  readonly hiddenKernel: Float32Array;
  readonly hiddenBias: Float32Array;
  /** hidden × 1. */
  readonly outputKernel: Float32Array;
  /** One value. */
  readonly outputBias: Float32Array;
  /** The activations model.json declares; the scorer refuses anything but relu / sigmoid. */
  readonly activations: { readonly hidden: string; readonly output: string };
}

/** Every weight scoring needs, as plain typed arrays: no TensorFlow.js, nothing to dispose. */
export interface ModelWeights extends DenseWeights {
  /** Embedding rows (buckets + 1). */
  readonly rows: number;
  /** rows × dim, row-major: float32, or half-precision bits when the artifact stores it as float16. */
  readonly embedding: Float32Array | Uint16Array;
}

/** Each weight array by its WEIGHT key (for checks that visit every weight, e.g. that all are finite). */
export function listWeights(
  weights: ModelWeights,
): ReadonlyArray<readonly [keyof typeof WEIGHT, Float32Array | Uint16Array]> {
  return [
    ['embedding', weights.embedding],
    ['hiddenKernel', weights.hiddenKernel],
    ['hiddenBias', weights.hiddenBias],
    ['outputKernel', weights.outputKernel],
    ['outputBias', weights.outputBias],
  ];
}
