import { SharedError } from '../errors.js';
import type { ModelWeights } from '../model/model-weights.js';
import { checkPreprocessConfig, type PreprocessConfig } from '../preprocess/preprocess-config.js';
import type { ModelStore } from '../store/model-store.js';
import { ARTIFACT_FILES, ARTIFACT_FORMAT, LATEST, type ModelMetadata } from './artifact-format.js';
import { parseChecksums, sha256 } from './checksums.js';
import { readModelWeights } from './read-weights.js';

/** A verified, loaded model version: plain typed arrays, nothing to dispose. */
export interface LoadedModel {
  readonly version: string;
  readonly weights: ModelWeights;
  readonly preprocess: PreprocessConfig;
  readonly metadata: ModelMetadata;
  /** SHA-256 of the version's checksum manifest: identifies its content. */
  readonly fingerprint: string;
}

/** Reads `<model>/LATEST`; throws NOT_FOUND with the fix when nothing has been published. */
export async function readLatestVersion(store: ModelStore, modelName: string): Promise<string> {
  try {
    const version = new TextDecoder().decode(await store.read(`${modelName}/${LATEST}`)).trim();
    if (!/^v\d[\w.-]*$/.test(version))
      throw new SharedError(
        'CORRUPT_ARTIFACT',
        `${store.location}/${modelName}/${LATEST} holds ${JSON.stringify(version.slice(0, 40))}, not a version`,
      );
    return version;
  } catch (error) {
    if (error instanceof SharedError && error.code === 'NOT_FOUND') {
      throw new SharedError(
        'NOT_FOUND',
        `no model "${modelName}" published at ${store.location} (no ${LATEST}); publish one with: pnpm train --out <store-uri>`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Loads a version (or LATEST) and refuses anything it cannot trust: a file missing from or differing
 * from the checksum manifest is CORRUPT_ARTIFACT; another format or preprocessing is INCOMPATIBLE_ARTIFACT.
 */
export async function loadVersion(store: ModelStore, modelName: string, pinned?: string): Promise<LoadedModel> {
  const version = pinned ?? (await readLatestVersion(store, modelName));
  const dir = `${modelName}/${version}`;
  const where = `${store.location}/${dir}`;
  const manifestBytes = await store.read(`${dir}/${ARTIFACT_FILES.checksums}`);
  const manifest = parseChecksums(new TextDecoder().decode(manifestBytes), where);
  const files = new Map<string, Uint8Array>();
  for (const name of [
    ARTIFACT_FILES.model,
    ARTIFACT_FILES.weights,
    ARTIFACT_FILES.preprocess,
    ARTIFACT_FILES.metadata,
  ]) {
    const expected = manifest.get(name);
    if (!expected)
      throw new SharedError('CORRUPT_ARTIFACT', `${where}: ${name} is not listed in ${ARTIFACT_FILES.checksums}`);
    const data = await store.read(`${dir}/${name}`);
    if (sha256(data) !== expected)
      throw new SharedError(
        'CORRUPT_ARTIFACT',
        `${where}/${name} does not match its checksum; the version is damaged, publish it again`,
      );
    files.set(name, data);
  }
  const metadata = parseJson<ModelMetadata>(
    files.get(ARTIFACT_FILES.metadata) as Uint8Array,
    `${where}/${ARTIFACT_FILES.metadata}`,
  );
  if (metadata.format !== ARTIFACT_FORMAT) {
    throw new SharedError(
      'INCOMPATIBLE_ARTIFACT',
      `${where} has format ${JSON.stringify(metadata.format)}; this service reads ${ARTIFACT_FORMAT}`,
    );
  }
  const preprocess = parseJson<PreprocessConfig>(
    files.get(ARTIFACT_FILES.preprocess) as Uint8Array,
    `${where}/${ARTIFACT_FILES.preprocess}`,
  );
  const problems = checkPreprocessConfig(preprocess);
  if (problems.length > 0)
    throw new SharedError('INCOMPATIBLE_ARTIFACT', `${where}/${ARTIFACT_FILES.preprocess}: ${problems.join('; ')}`);
  const weights = readModelWeights(
    files.get(ARTIFACT_FILES.model) as Uint8Array,
    files.get(ARTIFACT_FILES.weights) as Uint8Array,
    where,
  );
  if (weights.rows !== preprocess.buckets + 1) {
    throw new SharedError(
      'INCOMPATIBLE_ARTIFACT',
      `${where}: the embedding has ${weights.rows} rows but the preprocessing hashes into ${preprocess.buckets} buckets`,
    );
  }
  return { version, weights, preprocess, metadata, fingerprint: sha256(manifestBytes) };
}

function parseJson<T>(data: Uint8Array, where: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(data)) as T;
  } catch (error) {
    throw new SharedError('CORRUPT_ARTIFACT', `${where} is not valid JSON`, { cause: error });
  }
}
