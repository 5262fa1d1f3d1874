import { encodeFloat16 } from '../model/float16.js';
import type * as tf from '../model/tf.js';
import { ARTIFACT_FILES, type WeightEncodings } from './artifact-format.js';

/**
 * Saves a LayersModel to the two tfjs files (model.json referencing weights.bin), in memory; weights named in
 * `encodings` are stored as float16 with tfjs's own `quantization: {dtype: 'float16'}`, so tfjs-layers still
 * loads the artifact. TensorFlow.js is imported here, lazily, so that importing `@mlops/shared` (as the API
 * does) never loads it.
 */
export async function serializeModel(
  model: tf.LayersModel,
  encodings: WeightEncodings = {},
): Promise<Map<string, Uint8Array>> {
  const { io } = await import('../model/tf.js');
  let files: Map<string, Uint8Array> | undefined;
  await model.save(
    io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      const joined = Array.isArray(weightData)
        ? io.CompositeArrayBuffer.join(weightData)
        : (weightData ?? new ArrayBuffer(0));
      const { specs, buffer } = encodeWeights(artifacts.weightSpecs ?? [], joined, encodings);
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [ARTIFACT_FILES.weights], weights: specs }],
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

/** The weight specs and bytes with the weights named in `encodings` re-encoded (float32 → float16 bits). */
function encodeWeights(
  specs: readonly tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  encodings: WeightEncodings,
): { specs: tf.io.WeightsManifestEntry[]; buffer: ArrayBuffer } {
  if (Object.keys(encodings).length === 0) return { specs: [...specs], buffer: data };
  const parts: Uint8Array[] = [];
  const out: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(data.slice(offset, offset + size * 4));
    offset += size * 4;
    if (encodings[spec.name] === 'float16' && spec.dtype === 'float32') {
      parts.push(new Uint8Array(encodeFloat16(values).buffer));
      out.push({ ...spec, quantization: { dtype: 'float16' } });
    } else {
      parts.push(new Uint8Array(values.buffer));
      out.push(spec);
    }
  }
  const buffer = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    buffer.set(part, at);
    at += part.byteLength;
  }
  return { specs: out, buffer: buffer.buffer };
}
