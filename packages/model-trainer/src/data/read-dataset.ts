import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { TrainerError } from '../errors.js';
import { type DataFormat, type Example, parseRow } from './parse-row.js';

/** A loaded dataset with its provenance (recorded in the model metadata). */
export interface Dataset {
  readonly name: string;
  readonly examples: Example[];
  readonly sha256: string;
  readonly bytes: number;
  /** Malformed rows, as `file:line: reason`. */
  readonly badRows: string[];
}

/** Options of {@link readDataset}. */
export interface ReadDatasetOptions {
  /** @default - from the extension: .tsv/.txt → tsv, .csv → csv, .jsonl/.ndjson → jsonl */
  readonly format?: DataFormat;
  /** Fail when more than this share of rows is malformed. @default 0.01 */
  readonly maxBadShare?: number;
  /** Where to report each malformed row. @default - nowhere (they are still counted) */
  readonly onBadRow?: (where: string) => void;
}

const HEADER = /^(sentence|text)[\t,]label$|^"?(sentence|text)"?,"?label"?$/i;

/** Detects the format from a file name. */
export function formatOf(file: string): DataFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return 'tsv';
}

/** Streams a labelled text file line by line; a header line is skipped, malformed rows are counted and reported. */
export async function readDataset(file: string, options: ReadDatasetOptions = {}): Promise<Dataset> {
  const format = options.format ?? formatOf(file);
  const maxBadShare = options.maxBadShare ?? 0.01;
  let bytes: number;
  try {
    bytes = (await stat(file)).size;
  } catch (error) {
    throw new TrainerError(
      'DATA_NOT_FOUND',
      `data file ${file} does not exist; pass an existing TSV/CSV/JSONL file with --data`,
      { cause: error },
    );
  }
  const hash = createHash('sha256');
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk));
  const examples: Example[] = [];
  const badRows: string[] = [];
  let lineNo = 0;
  for await (const raw of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo++;
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '' || (lineNo === 1 && format !== 'jsonl' && HEADER.test(line.trim()))) continue;
    const row = parseRow(line, format);
    if ('error' in row) {
      const where = `${file}:${lineNo}: ${row.error}`;
      badRows.push(where);
      options.onBadRow?.(where);
    } else examples.push(row);
  }
  const total = examples.length + badRows.length;
  if (total === 0)
    throw new TrainerError('NOT_ENOUGH_DATA', `${file} has no data rows; expected ${format} rows of text and label`);
  if (badRows.length / total > maxBadShare) {
    throw new TrainerError(
      'TOO_MANY_BAD_ROWS',
      `${file}: ${badRows.length} of ${total} rows are malformed (more than ${(maxBadShare * 100).toFixed(1)}%); first: ${badRows[0]}. Fix the file or raise --max-bad-rows`,
    );
  }
  return { name: file, examples, sha256: hash.digest('hex'), bytes, badRows };
}
