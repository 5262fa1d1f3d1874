import { ApiError } from '../errors.js';

/** Unicode code points in a string (an astral character such as an emoji is one, not two UTF-16 units). */
export function countCodePoints(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}

/**
 * Checks one text against the limits; returns it or throws the matching 4xx. The length limit counts Unicode
 * code points, as sent and again after NFKC normalization (what the model reads: one character such as
 * U+FDFA becomes 18), so the work per text is bounded whatever its script.
 */
export function validateText(value: unknown, maxLength: number, where = 'text'): string {
  if (typeof value !== 'string') {
    throw new ApiError(
      'INVALID_TEXT',
      `${where} must be a string, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}; send {"text": "..."}`,
    );
  }
  if (value.trim() === '') throw new ApiError('INVALID_TEXT', `${where} is empty; send some text to classify`);
  const sent = countCodePoints(value);
  if (sent > maxLength)
    throw new ApiError('TEXT_TOO_LONG', `${where} has ${sent} characters; the limit is ${maxLength}`);
  const normalized = countCodePoints(value.normalize('NFKC'));
  if (normalized > maxLength)
    throw new ApiError(
      'TEXT_TOO_LONG',
      `${where} has ${normalized} characters after Unicode NFKC normalization (${sent} as sent); the limit is ${maxLength}`,
    );
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
