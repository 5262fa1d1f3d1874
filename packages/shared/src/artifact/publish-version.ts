import { SharedError } from '../errors.js';
import { SENTIMENT_LABELS } from '../model/sentiment-label.js';
import { SentimentScorer } from '../model/sentiment-scorer.js';
import type * as tf from '../model/tf.js';
import type { ModelStore } from '../store/model-store.js';
import {
  ARTIFACT_FILES,
  ARTIFACT_FORMAT,
  LATEST,
  type ModelLabels,
  type ModelMetadata,
  newVersion,
} from './artifact-format.js';
import { formatChecksums, sha256 } from './checksums.js';
import { PROBE_TEXTS } from './probe-set.js';
import { serializeModel } from './serialize-model.js';

/** What the caller describes; publishVersion stamps the rest (format, labels, name, version, time, probes). */
export type PublishedMetadata = Omit<
  ModelMetadata,
  'format' | 'labels' | 'version' | 'createdAt' | 'modelName' | 'probes'
>;

/** What {@link publishVersion} needs: the trained model and its metadata (the version is assigned here). */
export interface PublishRequest {
  readonly store: ModelStore;
  readonly modelName: string;
  readonly model: tf.LayersModel;
  readonly metadata: PublishedMetadata;
  /** The class names in output order. @default SENTIMENT_LABELS */
  readonly labels?: ModelLabels;
  /** @default - the current time */
  readonly now?: Date;
  /** Progress lines; @default - silent */
  readonly log?: (line: string) => void;
}

/** Where a version was published. */
export interface PublishedVersion {
  readonly version: string;
  readonly location: string;
  readonly files: ReadonlyMap<string, number>;
}

const encode = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

/**
 * Publishes a model version atomically: every file is written, read back and checked against the
 * checksum manifest, and only then does `<model>/LATEST` move to the new version. A reader following
 * LATEST never sees a partial version; a failure leaves LATEST where it was.
 */
export async function publishVersion(request: PublishRequest): Promise<PublishedVersion> {
  const { store, modelName, log = () => {} } = request;
  const now = request.now ?? new Date();
  const files = await serializeModel(request.model, request.metadata.weightEncoding);
  const version = newVersion(now, sha256(files.get(ARTIFACT_FILES.weights) as Uint8Array));
  // The probe scores let the API check that the version it loads computes what was trained.
  const scores = SentimentScorer.fromModel(request.model).scoreTexts(request.metadata.preprocess, PROBE_TEXTS);
  const metadata: ModelMetadata = {
    ...request.metadata,
    format: ARTIFACT_FORMAT,
    labels: request.labels ?? SENTIMENT_LABELS,
    modelName,
    version,
    createdAt: now.toISOString(),
    probes: { texts: PROBE_TEXTS, scores: Array.from(scores) },
  };
  files.set(ARTIFACT_FILES.preprocess, encode(metadata.preprocess));
  files.set(ARTIFACT_FILES.metadata, encode(metadata));
  const checksums = new TextEncoder().encode(formatChecksums(files));
  const dir = `${modelName}/${version}`;
  if (await store.exists(`${dir}/${ARTIFACT_FILES.checksums}`)) {
    throw new SharedError(
      'VERSION_EXISTS',
      `${store.location}/${dir} already exists; versions are immutable, train again to get a new version`,
    );
  }
  for (const [name, data] of files) {
    await store.write(`${dir}/${name}`, data);
    log(`wrote ${dir}/${name} (${data.byteLength} bytes)`);
  }
  await store.write(`${dir}/${ARTIFACT_FILES.checksums}`, checksums);
  for (const [name, data] of files) {
    const back = await store.read(`${dir}/${name}`);
    if (sha256(back) !== sha256(data)) {
      throw new SharedError(
        'CORRUPT_ARTIFACT',
        `${store.location}/${dir}/${name} reads back different from what was written; LATEST was not changed`,
      );
    }
  }
  log(`verified ${files.size + 1} files against ${ARTIFACT_FILES.checksums}`);
  await store.write(`${modelName}/${LATEST}`, new TextEncoder().encode(`${version}\n`));
  log(`${modelName}/${LATEST} -> ${version}`);
  return {
    version,
    location: `${store.location}/${dir}`,
    files: new Map([...files].map(([n, d]) => [n, d.byteLength])),
  };
}
