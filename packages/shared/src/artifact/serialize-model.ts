import { SharedError } from '../errors.js';
import * as tf from '../model/tf.js';
import { ARTIFACT_FILES } from './artifact-format.js';

/** Saves a LayersModel to the two tfjs files (model.json referencing weights.bin), in memory. */
export async function serializeModel(model: tf.LayersModel): Promise<Map<string, Uint8Array>> {
  let files: Map<string, Uint8Array> | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      const buffer = Array.isArray(weightData)
        ? tf.io.CompositeArrayBuffer.join(weightData)
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

/** Loads a LayersModel from model.json and weights.bin bytes; throws INCOMPATIBLE_ARTIFACT when tfjs cannot. */
export async function deserializeModel(
  modelJson: Uint8Array,
  weights: Uint8Array,
  where: string,
): Promise<tf.LayersModel> {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(modelJson)) as {
      modelTopology: tf.io.ModelJSON['modelTopology'];
      weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }>;
    };
    const specs = parsed.weightsManifest.flatMap((group) => group.weights);
    const data = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
    return await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs: specs, weightData: data }),
    );
  } catch (error) {
    throw new SharedError(
      'INCOMPATIBLE_ARTIFACT',
      `${where}: model.json/weights.bin cannot be loaded by TensorFlow.js ${tf.version_core}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
