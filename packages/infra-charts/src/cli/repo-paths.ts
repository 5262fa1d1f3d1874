import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the CLI works from any folder. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const DEFAULT_CONFIG = resolve(REPO_ROOT, 'platform.config.yaml');
export const DEFAULT_OUT_DIR = resolve(REPO_ROOT, 'dist');

/** Resolves a user-given path against the folder the user ran the command in (pnpm changes cwd to the package). */
export function resolveUserPath(path: string, userCwd: string): string {
  return isAbsolute(path) ? path : resolve(userCwd, path);
}
