import { decodeFloat16, encodeFloat16, LAYER } from '@mlops/shared';
import * as tf from '@mlops/shared/tf';

/**
 * Rounds the model's embedding table to half precision in place, so the model evaluated and published is the
 * one the API serves from a float16 artifact (the same float32 values its decoding table gives).
 */
export function roundEmbeddingToFloat16(model: tf.LayersModel): void {
  const layer = model.getLayer(LAYER.embedding);
  const [table] = layer.getWeights();
  if (!table) throw new Error(`layer ${LAYER.embedding} has no embedding matrix`);
  const rounded = decodeFloat16(encodeFloat16(table.dataSync() as Float32Array));
  tf.tidy(() => layer.setWeights([tf.tensor(rounded, table.shape)]));
}
