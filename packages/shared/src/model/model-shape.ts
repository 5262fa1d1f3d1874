/** Shape of the sentiment network; saved in the artifact metadata. */
export interface ModelShape {
  /** Hash buckets of the preprocessing; the embedding has buckets + 1 rows (row 0 is padding). */
  readonly buckets: number;
  readonly embeddingDim: number;
  readonly hiddenUnits: number;
}

/** Layer names are part of the artifact format: the trainer updates these layers' weights by name. */
export const LAYER = { embedding: 'bag_embedding', bag: 'bag', hidden: 'hidden', output: 'output' } as const;

/** Names of the weights in model.json's weightsManifest (`<layer>/<weight>`), as tfjs-layers saves them. */
export const WEIGHT = {
  embedding: `${LAYER.embedding}/embeddings`,
  hiddenKernel: `${LAYER.hidden}/kernel`,
  hiddenBias: `${LAYER.hidden}/bias`,
  outputKernel: `${LAYER.output}/kernel`,
  outputBias: `${LAYER.output}/bias`,
} as const;
