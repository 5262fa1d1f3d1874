import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openStore, type S3Connection } from '@mlops/shared';
import { TrainerError } from '../errors.js';

/**
 * Makes a data argument a local file: `s3://bucket/key` is downloaded to a temp folder (the training Job
 * reads its data from MinIO); a path is returned as it is.
 */
export async function fetchData(location: string, s3: S3Connection): Promise<string> {
  if (!location.startsWith('s3://')) return location;
  const [bucket, ...key] = location.slice('s3://'.length).split('/');
  if (!bucket || key.length === 0)
    throw new TrainerError('BAD_ARGUMENT', `data URI "${location}" must be s3://bucket/key`);
  const data = await openStore(`s3://${bucket}`, s3).read(key.join('/'));
  const file = join(mkdtempSync(join(tmpdir(), 'train-data-')), basename(key.join('/')));
  writeFileSync(file, data);
  return file;
}
