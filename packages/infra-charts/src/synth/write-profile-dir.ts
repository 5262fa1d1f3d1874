import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What writing a profile folder changed, for the synth summary (added files are new to git: `git add` them). */
export interface WriteResult {
  readonly added: readonly string[];
  /** Files that existed and changed. */
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  /** Files in the folder that synth does not own; left alone and not in the kustomization. */
  readonly foreign: readonly string[];
}

/** Files synth owns in a profile folder: `NN-name.yaml` and the Kustomization. Anything else is the user's. */
export function isGeneratedFile(name: string): boolean {
  // kustomization.yaml: the name synth used first (kubectl apply -f read it as an object); removed when found.
  return /^\d\d-[a-z0-9.-]+\.yaml$/.test(name) || name === 'Kustomization' || name === 'kustomization.yaml';
}

/**
 * Makes `dir` hold exactly `files` (name → content) among the files synth owns: stale ones (a removed tenant's) are
 * deleted, unchanged ones are not touched, other files (REPORT.md, a user's notes) are left alone.
 */
export function writeProfileDir(dir: string, files: ReadonlyMap<string, string>): WriteResult {
  mkdirSync(dir, { recursive: true });
  const removed: string[] = [];
  const foreign: string[] = [];
  const existing = new Set(readdirSync(dir));
  for (const name of [...existing].sort()) {
    if (files.has(name)) continue;
    if (isGeneratedFile(name)) {
      rmSync(join(dir, name));
      removed.push(name);
    } else if (name.endsWith('.yaml') || name.endsWith('.yml')) foreign.push(name);
  }
  const added: string[] = [];
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const [name, content] of files) {
    const path = join(dir, name);
    if (existing.has(name) && readFileSync(path, 'utf8') === content) {
      unchanged.push(name);
      continue;
    }
    writeFileSync(path, content);
    (existing.has(name) ? written : added).push(name);
  }
  return { added, written, unchanged, removed, foreign };
}
