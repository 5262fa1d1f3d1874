/** The error catalogue of the trainer: stable codes, messages that say how to fix the problem. */
export const TRAINER_ERRORS = {
  DATA_NOT_FOUND: 'DATA_NOT_FOUND',
  DATA_FORMAT: 'DATA_FORMAT',
  TOO_MANY_BAD_ROWS: 'TOO_MANY_BAD_ROWS',
  NOT_ENOUGH_DATA: 'NOT_ENOUGH_DATA',
  BAD_ARGUMENT: 'BAD_ARGUMENT',
  DOWNLOAD_FAILED: 'DOWNLOAD_FAILED',
} as const;

export type TrainerErrorCode = keyof typeof TRAINER_ERRORS;

/** A trainer error with a stable code; the original error is kept as `cause`. */
export class TrainerError extends Error {
  override readonly name = 'TrainerError';
  constructor(
    readonly code: TrainerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
