import { SharedError } from '../errors.js';
import { LAYER, WEIGHT } from '../model/model-shape.js';
import type { ModelWeights } from '../model/model-weights.js';

interface LayerJson {
  readonly name?: string;
  readonly class_name?: string;
  readonly config?: Record<string, unknown>;
}
interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype?: string;
  readonly quantization?: unknown;
}
interface ModelJson {
  readonly modelTopology?: { readonly config?: { readonly layers?: readonly LayerJson[] } };
  readonly weightsManifest?: ReadonlyArray<{ readonly weights?: readonly WeightSpec[] }>;
}

/**
 * Reads the weights scoring needs straight from a tfjs layers-model artifact (model.json's topology and
 * weightsManifest, weights.bin's float32 bytes), without TensorFlow.js: views into `weights` when it is 4-byte
 * aligned, so the embedding table is not copied. Any artifact tfjs-layers 4.x wrote for this network loads.
 * Throws UNLOADABLE_ARTIFACT naming what does not fit (missing layer or weight, shapes that disagree with the
 * topology, an unsupported dtype, a weights.bin of the wrong size).
 */
export function readModelWeights(modelJson: Uint8Array, weights: Uint8Array, where: string): ModelWeights {
  const fail = (detail: string): never => {
    throw new SharedError('UNLOADABLE_ARTIFACT', `${where}: model.json/weights.bin cannot be loaded: ${detail}`);
  };
  let parsed: ModelJson;
  try {
    parsed = JSON.parse(new TextDecoder().decode(modelJson)) as ModelJson;
  } catch (error) {
    throw new SharedError('UNLOADABLE_ARTIFACT', `${where}/model.json is not valid JSON`, { cause: error });
  }
  const layers = parsed.modelTopology?.config?.layers ?? [];
  const layer = (name: string, className: string) => {
    const found = layers.find((l) => l.name === name);
    if (found?.class_name !== className)
      fail(`model.json has no ${className} layer "${name}" (found ${found?.class_name ?? 'none'})`);
    return (found as LayerJson).config ?? {};
  };
  const embedding = layer(LAYER.embedding, 'Embedding');
  const hidden = layer(LAYER.hidden, 'Dense');
  const output = layer(LAYER.output, 'Dense');
  const specs = (parsed.weightsManifest ?? []).flatMap((group) => group.weights ?? []);
  const data = aligned(weights);
  const arrays = new Map<string, { shape: readonly number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of specs) {
    if ((spec.dtype ?? 'float32') !== 'float32' || spec.quantization)
      fail(`weight ${spec.name} is ${spec.dtype}${spec.quantization ? ' (quantized)' : ''}; only float32 is read`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if ((offset + size) * 4 <= data.byteLength)
      arrays.set(spec.name, {
        shape: spec.shape,
        values: new Float32Array(data.buffer, data.byteOffset + offset * 4, size),
      });
    offset += size;
  }
  if (offset * 4 !== data.byteLength)
    fail(`weights.bin has ${data.byteLength} bytes; model.json describes ${offset * 4}`);
  const weight = (name: string, rank: number) => {
    const found = arrays.get(name);
    if (!found || found.shape.length !== rank) fail(`model.json has no ${rank}-D weight ${name}`);
    return found as { shape: readonly number[]; values: Float32Array };
  };
  const table = weight(WEIGHT.embedding, 2);
  const k1 = weight(WEIGHT.hiddenKernel, 2);
  const b1 = weight(WEIGHT.hiddenBias, 1);
  const k2 = weight(WEIGHT.outputKernel, 2);
  const b2 = weight(WEIGHT.outputBias, 1);
  const [rows, dim] = table.shape as [number, number];
  const units = Number(hidden.units);
  const checks = [
    [`${LAYER.embedding} input_dim`, embedding.input_dim, rows],
    [`${LAYER.embedding} output_dim`, embedding.output_dim, dim],
    [`${WEIGHT.hiddenKernel} rows`, k1.shape[0], dim],
    [`${LAYER.hidden} units`, units, k1.shape[1]],
    [`${WEIGHT.hiddenBias} length`, b1.shape[0], units],
    [`${WEIGHT.outputKernel} shape`, k2.shape.join('x'), `${units}x1`],
    [`${LAYER.output} units`, output.units, 1],
    [`${WEIGHT.outputBias} length`, b2.shape[0], 1],
  ] as const;
  const mismatches = checks.filter(([, actual, wanted]) => actual !== wanted);
  if (mismatches.length > 0)
    fail(mismatches.map(([what, actual, wanted]) => `${what} is ${actual}, the weights need ${wanted}`).join('; '));
  return {
    rows,
    dim,
    hidden: units,
    embedding: table.values,
    hiddenKernel: k1.values,
    hiddenBias: b1.values,
    outputKernel: k2.values,
    outputBias: b2.values,
    activations: { hidden: String(hidden.activation), output: String(output.activation) },
  };
}

/** The bytes, 4-byte aligned for Float32Array views: as they are when they already are (no copy), else copied. */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
}
