import { execFileSync } from 'node:child_process';
import { KUSTOMIZATION_FILE } from '../manifest/dist-layout.js';
import type { ManifestFile } from '../manifest/manifest.js';
import { DistDirError, parseManifests, readKustomization } from '../verify/read-profile-dir.js';

/** dist/<profile>/ as committed at a git ref; `undefined` when the ref has no such folder (a new profile). */
export function readProfileAtRef(repo: string, ref: string, profile: string): ManifestFile[] | undefined {
  const git = (args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      timeout: 30_000,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch (error) {
    throw new DistDirError(
      `git ref "${ref}" does not exist in ${repo}; pass a commit, branch or tag (git log --oneline, git branch -a)`,
      { cause: error },
    );
  }
  let names: string[];
  try {
    names = git(['ls-tree', '--name-only', `${ref}:dist/${profile}`])
      .split('\n')
      .filter(Boolean);
  } catch {
    return undefined;
  }
  const at = (name: string) => `${ref}:dist/${profile}/${name}`;
  // Older commits named it kustomization.yaml; before that there was none (files in name order).
  const kustomization = [KUSTOMIZATION_FILE, 'kustomization.yaml'].find((n) => names.includes(n));
  let files = names.filter((n) => n.endsWith('.yaml') && n !== kustomization).sort();
  if (kustomization) {
    const k = readKustomization(at(kustomization), git(['show', at(kustomization)]));
    if (k.profile && k.profile !== profile)
      throw new DistDirError(`${at(kustomization)} is profile "${k.profile}", not "${profile}"`);
    files = k.resources;
  }
  return files.map((name) => ({ name, documents: parseManifests(at(name), git(['show', at(name)])) }));
}
