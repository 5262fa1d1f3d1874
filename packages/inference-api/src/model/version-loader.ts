import { type CandidateModel, loadCandidate, readLatestVersion } from '@mlops/shared';
import type { ModelHolderOptions } from './model-holder.js';
import { RejectedVersions, rejectionReason } from './rejected-versions.js';

/** A version that must not serve (rejected or not published); `start` does not retry it. */
export class Unusable extends Error {}

/** A version refused before with the same content: skipped without a new count or log line. */
export class Remembered extends Unusable {}

/** Reads LATEST and loads candidate versions for the holder, counting store errors and rejections. */
export class VersionLoader {
  private readonly rejected: RejectedVersions;

  constructor(private readonly options: ModelHolderOptions) {
    this.rejected = new RejectedVersions(options.store, options.modelName);
  }

  /** Reads LATEST; any failure (unreadable, store down, not a version) is counted as operation "latest". */
  async readLatest(): Promise<string> {
    try {
      return await readLatestVersion(this.options.store, this.options.modelName);
    } catch (error) {
      this.options.metrics.storeErrors.inc({ operation: 'latest' });
      throw error;
    }
  }

  /** Loads and validates one version; a rejection is counted, logged once and remembered. */
  async tryLoad(version: string): Promise<CandidateModel> {
    const { store, modelName, metrics, logger } = this.options;
    const fingerprint = await this.rejected.fingerprint(version);
    const known = this.rejected.known(version, fingerprint);
    if (known) throw new Remembered(known.message);
    const started = performance.now();
    try {
      const candidate = await loadCandidate(store, modelName, version);
      metrics.modelLoadDuration.observe({ result: 'success' }, (performance.now() - started) / 1000);
      return candidate;
    } catch (error) {
      metrics.modelLoadDuration.observe({ result: 'failure' }, (performance.now() - started) / 1000);
      const reason = rejectionReason(error);
      if (!reason) throw error;
      const unusable = new Unusable(`${version} rejected (${reason}): ${(error as Error).message}`, { cause: error });
      this.rejected.remember(version, fingerprint, unusable);
      metrics.modelRejections.inc({ reason });
      logger.error({ version, reason, err: error }, 'model version rejected');
      throw unusable;
    }
  }
}
