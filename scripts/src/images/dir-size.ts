import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes a file or folder takes (symlinks counted as links, not followed), for the staging report. */
export function sizeOf(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}

/** `123.4 MB` */
export const formatMegabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
