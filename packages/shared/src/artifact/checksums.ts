import { createHash } from 'node:crypto';
import { SharedError } from '../errors.js';

/** Hex SHA-256 of bytes. */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A manifest in `sha256sum` format (`<hex>  <file>` per line), so `sha256sum -c` can check it too. */
export function formatChecksums(files: ReadonlyMap<string, Uint8Array>): string {
  return [...files.keys()]
    .sort()
    .map((name) => `${sha256(files.get(name) as Uint8Array)}  ${name}\n`)
    .join('');
}

/** Parses a checksum manifest; throws CORRUPT_ARTIFACT on a malformed line. */
export function parseChecksums(text: string, where: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const match = /^([0-9a-f]{64}) {2}([\w.-]+)$/.exec(line);
    if (!match)
      throw new SharedError(
        'CORRUPT_ARTIFACT',
        `${where}: checksum line ${i + 1} is malformed: ${JSON.stringify(line.slice(0, 80))}`,
      );
    out.set(match[2] as string, match[1] as string);
  }
  return out;
}
