/** A padded batch of feature lists, as flat arrays ready to become [batch, width] tensors. */
export interface FeatureBatch {
  readonly size: number;
  readonly width: number;
  /** Feature ids; 0 pads. */
  readonly ids: Int32Array;
  /** 1/sqrt(count) for each real feature, 0 for padding: the bag is a length-normalized sum. */
  readonly weights: Float32Array;
}

/** Pads feature lists to the longest one (at least 1 wide). Pure, shared by trainer and API. */
export function toFeatureBatch(features: readonly Int32Array[]): FeatureBatch {
  let width = 1;
  for (const f of features) if (f.length > width) width = f.length;
  const ids = new Int32Array(features.length * width);
  const weights = new Float32Array(features.length * width);
  features.forEach((f, row) => {
    const w = f.length > 0 ? 1 / Math.sqrt(f.length) : 0;
    ids.set(f, row * width);
    weights.fill(w, row * width, row * width + f.length);
  });
  return { size: features.length, width, ids, weights };
}
