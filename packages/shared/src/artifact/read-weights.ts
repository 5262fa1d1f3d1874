import { SharedError } from '../errors.js';
import { decodeFloat16 } from '../model/float16.js';
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
 * weightsManifest, weights.bin's float32 bytes, or float16 ones: tfjs's `quantization: {dtype: 'float16'}`),
 * without TensorFlow.js: views into `weights`, so the embedding table is not copied. Any artifact tfjs-layers 4.x wrote for this network loads.
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
  const arrays = new Map<string, { shape: readonly number[]; values: Float32Array | Uint16Array }>();
  let offset = 0;
  for (const spec of specs) {
    const half = isFloat16(spec);
    if ((spec.dtype ?? 'float32') !== 'float32' || (spec.quantization !== undefined && !half))
      fail(`weight ${spec.name} is ${describeDtype(spec)}; only float32 and float16 are read`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = size * (half ? 2 : 4);
    if (offset + bytes <= weights.byteLength) {
      const view = viewOf(weights, offset, size, half);
      // The table stays half precision (decoded per lookup); the small dense weights become float32.
      arrays.set(spec.name, {
        shape: spec.shape,
        values: half && spec.name !== WEIGHT.embedding ? decodeFloat16(view as Uint16Array) : view,
      });
    }
    offset += bytes;
  }
  if (offset !== weights.byteLength)
    fail(`weights.bin has ${weights.byteLength} bytes; model.json describes ${offset}`);
  const weight = (name: string, rank: number) => {
    const found = arrays.get(name);
    if (!found || found.shape.length !== rank) fail(`model.json has no ${rank}-D weight ${name}`);
    return found as { shape: readonly number[]; values: Float32Array };
  };
  // The table may stay half precision; every other weight was decoded to float32 above.
  const table = weight(WEIGHT.embedding, 2) as { shape: readonly number[]; values: Float32Array | Uint16Array };
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

const isFloat16 = (spec: WeightSpec) =>
  typeof spec.quantization === 'object' && (spec.quantization as { dtype?: string } | null)?.dtype === 'float16';

const describeDtype = (spec: WeightSpec) =>
  spec.quantization ? `quantized as ${JSON.stringify(spec.quantization)}` : String(spec.dtype);

/** A typed view of `size` elements at `offset` (no copy when aligned; copied when not, which is rare and small). */
function viewOf(bytes: Uint8Array, offset: number, size: number, half: boolean): Float32Array | Uint16Array {
  const start = bytes.byteOffset + offset;
  const width = half ? 2 : 4;
  const buffer = start % width === 0 ? bytes.buffer : bytes.slice(offset, offset + size * width).buffer;
  const at = start % width === 0 ? start : 0;
  return half ? new Uint16Array(buffer, at, size) : new Float32Array(buffer, at, size);
}
