import type * as tf from '../model/tf.js';
import { ARTIFACT_FILES } from './artifact-format.js';

/**
 * Saves a LayersModel to the two tfjs files (model.json referencing weights.bin), in memory. TensorFlow.js is
 * imported here, lazily, so that importing `@mlops/shared` (as the API does) never loads it.
 */
export async function serializeModel(model: tf.LayersModel): Promise<Map<string, Uint8Array>> {
  const { io } = await import('../model/tf.js');
  let files: Map<string, Uint8Array> | undefined;
  await model.save(
    io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      const buffer = Array.isArray(weightData)
        ? io.CompositeArrayBuffer.join(weightData)
        : (weightData ?? new ArrayBuffer(0));
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [ARTIFACT_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
      };
      files = new Map([
        [ARTIFACT_FILES.model, new TextEncoder().encode(JSON.stringify(modelJson))],
        [ARTIFACT_FILES.weights, new Uint8Array(buffer)],
      ]);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!files) throw new Error('model.save did not call the save handler');
  return files;
}
