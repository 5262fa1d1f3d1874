/** The error catalogue of @mlops/shared: stable codes that callers map to exit codes or HTTP statuses. */
export const SHARED_ERRORS = {
  INVALID_URI: 'INVALID_URI',
  NOT_FOUND: 'NOT_FOUND',
  UNREACHABLE: 'UNREACHABLE',
  ACCESS_DENIED: 'ACCESS_DENIED',
  STORE_IO: 'STORE_IO',
  VERSION_EXISTS: 'VERSION_EXISTS',
  CORRUPT_ARTIFACT: 'CORRUPT_ARTIFACT',
  INCOMPATIBLE_ARTIFACT: 'INCOMPATIBLE_ARTIFACT',
  /** The files pass their checksums but TensorFlow.js cannot build the model from them. */
  UNLOADABLE_ARTIFACT: 'UNLOADABLE_ARTIFACT',
  /** The model loads but fails validation (shapes, non-finite weights, probe scores). */
  INVALID_MODEL: 'INVALID_MODEL',
} as const;

export type SharedErrorCode = keyof typeof SHARED_ERRORS;

/** An error with a stable code and a message that says how to fix it; the original error is kept as `cause`. */
export class SharedError extends Error {
  override readonly name = 'SharedError';
  constructor(
    readonly code: SharedErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when an error is a SharedError with one of the given codes. */
export function isSharedError(error: unknown, ...codes: SharedErrorCode[]): error is SharedError {
  return error instanceof SharedError && (codes.length === 0 || codes.includes(error.code));
}
