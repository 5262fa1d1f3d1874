import { readFileSync } from 'node:fs';

/** The texts of a payload file: one per line, or the first column of a TSV (its header skipped). */
export function readPayloads(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[0]?.trim() ?? '')
    .filter((t) => t && t !== 'sentence' && t !== 'text');
}
