import { isSharedError, type ModelStore, readVersionFingerprint } from '@mlops/shared';

/** Why a candidate version was refused: the `reason` label of mlops_model_rejections_total. */
export type RejectionReason = 'checksum' | 'format' | 'load' | 'validation';

/** Maps a load error to a rejection reason; undefined for store errors (transient: retried, never remembered). */
export function rejectionReason(error: unknown): RejectionReason | undefined {
  if (isSharedError(error, 'CORRUPT_ARTIFACT')) return 'checksum';
  if (isSharedError(error, 'INCOMPATIBLE_ARTIFACT')) return 'format';
  if (isSharedError(error, 'UNLOADABLE_ARTIFACT', 'NOT_FOUND')) return 'load';
  if (isSharedError(error, 'INVALID_MODEL')) return 'validation';
  return undefined;
}

/**
 * Versions refused before, by version id and the SHA-256 of their checksum manifest: a poll skips a version it
 * already refused (no reload, no new leak, no log flood) unless its content changed.
 */
export class RejectedVersions {
  private readonly rejected = new Map<string, { fingerprint: string; error: Error }>();

  constructor(
    private readonly store: ModelStore,
    private readonly modelName: string,
  ) {}

  /** The content fingerprint of a version now ("missing" when it has no manifest); store errors propagate. */
  async fingerprint(version: string): Promise<string> {
    try {
      return await readVersionFingerprint(this.store, this.modelName, version);
    } catch (error) {
      if (isSharedError(error, 'NOT_FOUND')) return 'missing';
      throw error;
    }
  }

  /** The earlier rejection of this exact content, if any. */
  known(version: string, fingerprint: string): Error | undefined {
    const entry = this.rejected.get(version);
    return entry?.fingerprint === fingerprint ? entry.error : undefined;
  }

  remember(version: string, fingerprint: string, error: Error): void {
    this.rejected.set(version, { fingerprint, error });
  }
}
