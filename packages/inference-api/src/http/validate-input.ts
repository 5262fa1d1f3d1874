import { ApiError } from '../errors.js';

/** Checks one text against the limits; returns it or throws the matching 4xx. */
export function validateText(value: unknown, maxLength: number, where = 'text'): string {
  if (typeof value !== 'string') {
    throw new ApiError(
      'INVALID_TEXT',
      `${where} must be a string, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}; send {"text": "..."}`,
    );
  }
  if (value.trim() === '') throw new ApiError('INVALID_TEXT', `${where} is empty; send some text to classify`);
  if (value.length > maxLength)
    throw new ApiError('TEXT_TOO_LONG', `${where} has ${value.length} characters; the limit is ${maxLength}`);
  return value;
}

/** Checks a list of texts (batch endpoints); every element like {@link validateText}. */
export function validateTexts(value: unknown, maxBatch: number, maxLength: number, field = 'texts'): string[] {
  if (!Array.isArray(value))
    throw new ApiError('INVALID_BATCH', `${field} must be a list of strings; send {"${field}": ["...", "..."]}`);
  if (value.length === 0) throw new ApiError('INVALID_BATCH', `${field} is empty; send at least one text`);
  if (value.length > maxBatch)
    throw new ApiError('BATCH_TOO_LARGE', `${field} has ${value.length} items; the limit is ${maxBatch}`);
  return value.map((t, i) => validateText(t, maxLength, `${field}[${i}]`));
}

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
