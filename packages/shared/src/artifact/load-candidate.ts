import { SharedError } from '../errors.js';
import { SentimentScorer } from '../model/sentiment-scorer.js';
import type { ModelStore } from '../store/model-store.js';
import { ARTIFACT_FILES } from './artifact-format.js';
import { sha256 } from './checksums.js';
import { type LoadedModel, loadVersion } from './load-version.js';
import { validateModel } from './validate-model.js';

/** A version that loaded and passed validation, ready to serve. */
export interface CandidateModel {
  readonly loaded: LoadedModel;
  readonly scorer: SentimentScorer;
}

/**
 * Loads, builds the scorer for, and validates one version; the error's code says which step failed
 * (CORRUPT_ARTIFACT, INCOMPATIBLE_ARTIFACT, UNLOADABLE_ARTIFACT, INVALID_MODEL, or a store error). A failed
 * attempt holds nothing: the weights are typed arrays the garbage collector takes back.
 */
export async function loadCandidate(store: ModelStore, modelName: string, version: string): Promise<CandidateModel> {
  const loaded = await loadVersion(store, modelName, version);
  let scorer: SentimentScorer;
  try {
    scorer = SentimentScorer.fromWeights(loaded.weights);
  } catch (error) {
    throw new SharedError('INVALID_MODEL', `${store.location}/${modelName}/${version}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  validateModel(loaded, scorer, `${store.location}/${modelName}/${version}`);
  return { loaded, scorer };
}

/** The SHA-256 of a version's checksum manifest: what identifies its content without loading it. */
export async function readVersionFingerprint(store: ModelStore, modelName: string, version: string): Promise<string> {
  return sha256(await store.read(`${modelName}/${version}/${ARTIFACT_FILES.checksums}`));
}

const VERSION = /^v\d[\w.-]*$/;

/** The published versions of a model, newest first (version names sort by their UTC timestamp). */
export async function listVersions(store: ModelStore, modelName: string): Promise<string[]> {
  return (await store.list(modelName))
    .filter((name) => VERSION.test(name))
    .sort()
    .reverse();
}
