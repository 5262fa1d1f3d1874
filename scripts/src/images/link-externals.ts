import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Imported inside a try/catch with a fallback: may be absent (no native binding on this host). */
export const OPTIONAL_EXTERNALS = ['@tensorflow/tfjs-node'] as const;

/**
 * The packages to link for a bundle: what it imports, plus the optional natives of TensorFlow.js when it imports
 * TensorFlow.js at all (a dynamic import() of an external is not always in esbuild's metafile). The API's bundle
 * imports no TensorFlow.js (it scores in typed arrays), so its image carries none; the trainer's does.
 */
export function withOptionalExternals(externals: readonly string[]): string[] {
  const tfjs = externals.some((name) => name.startsWith('@tensorflow/'));
  return [...new Set([...externals, ...(tfjs ? OPTIONAL_EXTERNALS : [])])];
}

/**
 * Makes `node_modules/` of a staged image hold exactly the packages the bundle imports, linked to pnpm's virtual
 * store (where `pnpm deploy` put them, hoisted under `.pnpm/node_modules`); everything bundled is unlinked, for
 * `pruneUnreachablePackages` to delete. Returns the linked names; a missing required package is an error.
 */
export function linkExternals(context: string, externals: readonly string[]): string[] {
  const nodeModules = join(context, 'node_modules');
  for (const entry of readdirSync(nodeModules))
    if (!entry.startsWith('.')) rmSync(join(nodeModules, entry), { recursive: true, force: true });
  const linked: string[] = [];
  for (const name of externals) {
    const hoisted = join(nodeModules, '.pnpm', 'node_modules', name);
    if (!existsSync(hoisted)) {
      if ((OPTIONAL_EXTERNALS as readonly string[]).includes(name)) continue;
      throw new Error(
        `the bundle imports ${name}, but pnpm deploy did not install it: declare it in the package's dependencies`,
      );
    }
    const link = join(nodeModules, name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), realpathSync(hoisted)), link);
    linked.push(name);
  }
  return linked;
}
