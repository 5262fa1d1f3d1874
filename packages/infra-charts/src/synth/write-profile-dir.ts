import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What writing a profile folder changed, for the synth summary. */
export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Makes `dir` hold exactly `files` (name → content) among its *.yaml files: stale files of removed
 * tenants are deleted, unchanged files are not touched. Other files (REPORT.md) are left alone.
 */
export function writeProfileDir(dir: string, files: ReadonlyMap<string, string>): WriteResult {
  mkdirSync(dir, { recursive: true });
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.yaml') && !files.has(name)) {
      rmSync(join(dir, name));
      removed.push(name);
    }
  }
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const [name, content] of files) {
    const path = join(dir, name);
    if (readIfExists(path) === content) unchanged.push(name);
    else {
      writeFileSync(path, content);
      written.push(name);
    }
  }
  return { written, unchanged, removed };
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
