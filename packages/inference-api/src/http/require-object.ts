import { ApiError } from '../errors.js';

/** The body must be a JSON object (not an array, string or null). */
export function requireObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(
      'INVALID_BODY',
      `the body must be a JSON object, got ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}`,
    );
  }
  return body as Record<string, unknown>;
}
