import { rmSync, writeFileSync } from 'node:fs';

/**
 * Writes a file as a new inode. `pnpm deploy` hard-links workspace packages into the staging folder, so writing
 * into an existing staged file in place would change the checkout's own file too.
 */
export function replaceFile(path: string, content: string): void {
  rmSync(path, { force: true });
  writeFileSync(path, content);
}
