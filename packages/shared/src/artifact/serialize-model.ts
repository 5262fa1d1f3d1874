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

/**
 * Loads a LayersModel from model.json and weights.bin bytes, transactionally: when TensorFlow.js cannot
 * build it (wrong architecture, truncated or mis-shaped weights) every tensor and variable the attempt made
 * is released before UNLOADABLE_ARTIFACT is thrown. `tf.loadLayersModel` would leak the initialised
 * layers (~33 MB of embedding) on such a failure.
 */
export async function deserializeModel(
  modelJson: Uint8Array,
  weights: Uint8Array,
  where: string,
): Promise<tf.LayersModel> {
  const variablesBefore = new Set(Object.keys(tf.engine().registeredVariables));
  let model: tf.LayersModel | undefined;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(modelJson)) as {
      modelTopology: tf.io.ModelJSON['modelTopology'];
      weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }>;
    };
    const specs = parsed.weightsManifest.flatMap((group) => group.weights);
    const data = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
    const expectedBytes = specs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1) * 4, 0);
    if (expectedBytes !== data.byteLength)
      throw new Error(`weights.bin has ${data.byteLength} bytes; model.json describes ${expectedBytes}`);
    const built = await tf.models.modelFromJSON({
      modelTopology: withZeroInitializers(parsed.modelTopology),
    } as Parameters<typeof tf.models.modelFromJSON>[0]);
    model = built;
    // tidy releases the decoded tensors whether loadWeights succeeds or throws; the variables keep their data.
    tf.tidy(() => built.loadWeights(tf.io.decodeWeights(data, specs), true));
    return built;
  } catch (error) {
    model?.dispose();
    releaseVariablesSince(variablesBefore);
    throw new SharedError(
      'UNLOADABLE_ARTIFACT',
      `${where}: model.json/weights.bin cannot be loaded by TensorFlow.js ${tf.version_core}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Disposes every variable registered after `before` (layers built by a failed load and not owned by a model). */
function releaseVariablesSince(before: ReadonlySet<string>): void {
  for (const [name, variable] of Object.entries(tf.engine().registeredVariables)) {
    if (!before.has(name) && !variable.isDisposed) variable.dispose();
  }
}

/**
 * The topology with every initializer replaced by zeros: all weights are then overwritten from weights.bin
 * (strict), and random initialisation of the 33 MB embedding would hold the event loop for ~100 ms.
 */
function withZeroInitializers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withZeroInitializers);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key.endsWith('_initializer') && value !== null
        ? [key, { class_name: 'Zeros', config: {} }]
        : [key, withZeroInitializers(value)],
    ),
  );
}
