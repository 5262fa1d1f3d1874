import { ARTIFACT_FILES, formatChecksums, LATEST, type ModelStore, newVersion, sha256 } from '../src/index.js';

/** Ways a published version can be broken while its checksum manifest is valid (what a bad training run ships). */
export const FAULTS = {
  /** The output bias is NaN: loads, then every score is NaN. */
  'nan-weights': 'validation',
  /** weights.bin cut in half. */
  'truncated-weights': 'load',
  /** model.json declares more hidden units than weights.bin holds: tfjs builds the layers, then fails. */
  'wrong-architecture': 'load',
  /** The output layer is linear instead of sigmoid: builds and loads, the scorer refuses it. */
  'wrong-activation': 'validation',
  /** The hidden bias is shifted: finite scores, but not those recorded at publish time. */
  'probe-drift': 'validation',
  /** preprocess.json hashes into other buckets than the embedding has rows. */
  'bucket-mismatch': 'format',
  /** metadata.json names the same label twice: the API could not tell its answers apart. */
  'duplicate-labels': 'validation',
} as const;

export type Fault = keyof typeof FAULTS;

type Files = Map<string, Uint8Array>;
// biome-ignore lint/suspicious/noExplicitAny: artifact JSON edited freely by a test helper
type Json = Record<string, any>;
const json = (data: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(data)) as Json;
const encode = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

function breakFiles(files: Files, fault: Fault): void {
  const weights = files.get(ARTIFACT_FILES.weights) as Uint8Array;
  const bytes = weights.slice();
  const view = new DataView(bytes.buffer);
  const model = json(files.get(ARTIFACT_FILES.model));
  const layers = model.modelTopology.config.layers as Array<{ name: string; config: Record<string, unknown> }>;
  // Byte offset and element count of a float32 weight (the table before it may be stored as float16).
  const spec = (name: string) => {
    let offset = 0;
    for (const w of model.weightsManifest[0].weights as Array<{ name: string; shape: number[]; quantization?: Json }>) {
      const size = w.shape.reduce((a, b) => a * b, 1);
      if (w.name === name) return { offset, size };
      offset += size * (w.quantization?.dtype === 'float16' ? 2 : 4);
    }
    throw new Error(`no weight ${name}`);
  };
  const update = (name: string, change: (value: number) => number) => {
    const { offset, size } = spec(name);
    for (let i = 0; i < size; i++) view.setFloat32(offset + i * 4, change(view.getFloat32(offset + i * 4, true)), true);
    files.set(ARTIFACT_FILES.weights, bytes);
  };
  if (fault === 'nan-weights') {
    update('output/bias', () => Number.NaN);
  } else if (fault === 'probe-drift') {
    update('output/bias', (v) => v + 0.5);
  } else if (fault === 'truncated-weights') {
    files.set(ARTIFACT_FILES.weights, weights.slice(0, Math.floor(weights.byteLength / 8) * 4));
  } else if (fault === 'wrong-architecture' || fault === 'wrong-activation') {
    const layer = layers.find((l) => l.name === (fault === 'wrong-architecture' ? 'hidden' : 'output'));
    if (!layer) throw new Error('no such layer in model.json');
    if (fault === 'wrong-architecture') layer.config.units = Number(layer.config.units) + 1;
    else layer.config.activation = 'linear';
    files.set(ARTIFACT_FILES.model, new TextEncoder().encode(JSON.stringify(model)));
  } else if (fault === 'duplicate-labels') {
    files.set(
      ARTIFACT_FILES.metadata,
      encode({ ...json(files.get(ARTIFACT_FILES.metadata)), labels: ['good', 'good'] }),
    );
  } else {
    const preprocess = json(files.get(ARTIFACT_FILES.preprocess));
    files.set(ARTIFACT_FILES.preprocess, encode({ ...preprocess, buckets: preprocess.buckets * 2 }));
  }
}

/**
 * Publishes a copy of `base` under a new version (timestamp `now`), optionally broken by `fault`, with a
 * valid checksum manifest, and moves LATEST to it unless `moveLatest` is false. `metadata` overrides fields of
 * metadata.json (a field set to undefined is removed, e.g. `{ labels: undefined }` for a pre-labels artifact).
 * Returns the new version.
 */
export async function publishCopy(
  store: ModelStore,
  modelName: string,
  base: string,
  options: {
    readonly fault?: Fault;
    readonly now?: Date;
    readonly moveLatest?: boolean;
    readonly metadata?: Readonly<Record<string, unknown>>;
  } = {},
): Promise<string> {
  const files: Files = new Map();
  for (const name of [ARTIFACT_FILES.model, ARTIFACT_FILES.weights, ARTIFACT_FILES.preprocess, ARTIFACT_FILES.metadata])
    files.set(name, await store.read(`${modelName}/${base}/${name}`));
  if (options.fault) breakFiles(files, options.fault);
  const seed = `${options.fault ?? 'copy'}${sha256(files.get(ARTIFACT_FILES.weights) as Uint8Array)}${Math.random()}`;
  const version = newVersion(options.now ?? new Date(), sha256(seed));
  const metadata = json(files.get(ARTIFACT_FILES.metadata));
  files.set(
    ARTIFACT_FILES.metadata,
    encode({ ...metadata, ...options.metadata, version, preprocess: json(files.get(ARTIFACT_FILES.preprocess)) }),
  );
  for (const [name, data] of files) await store.write(`${modelName}/${version}/${name}`, data);
  await store.write(
    `${modelName}/${version}/${ARTIFACT_FILES.checksums}`,
    new TextEncoder().encode(formatChecksums(files)),
  );
  if (options.moveLatest !== false)
    await store.write(`${modelName}/${LATEST}`, new TextEncoder().encode(`${version}\n`));
  return version;
}
