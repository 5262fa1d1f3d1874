import { existsSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sizeOf } from './dir-size.js';

/** The symlinked packages in one node_modules folder, scoped ones included. */
function linkedPackages(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  return readdirSync(nodeModules, { withFileTypes: true }).flatMap((entry) => {
    const path = join(nodeModules, entry.name);
    if (entry.name.startsWith('@') && entry.isDirectory()) return linkedPackages(path);
    return entry.isSymbolicLink() || (entry.isDirectory() && !entry.name.startsWith('.')) ? [path] : [];
  });
}

/**
 * Deletes the packages of pnpm's virtual store (`node_modules/.pnpm/<id>`) that nothing links to any more, as
 * pnpm's own store prune does; returns the bytes freed. Run after removing a link, e.g. a broken optional addon.
 */
export function pruneUnreachablePackages(context: string): number {
  const store = join(context, 'node_modules', '.pnpm');
  const reachable = new Set<string>();
  const queue = linkedPackages(join(context, 'node_modules'));
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    if (!existsSync(path)) continue;
    const id = relative(store, realpathSync(path)).split(sep)[0];
    if (!id || id.startsWith('..') || reachable.has(id)) continue;
    reachable.add(id);
    queue.push(...linkedPackages(join(store, id, 'node_modules')));
  }
  let freed = 0;
  for (const entry of readdirSync(store, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || reachable.has(entry.name)) continue;
    freed += sizeOf(join(store, entry.name));
    rmSync(join(store, entry.name), { recursive: true });
  }
  return freed;
}

/**
 * Unlinks `@tensorflow/tfjs-node` wherever its native binding is missing (its install step could not download
 * libtensorflow): such a copy cannot load, and importing it first loads the whole browser-oriented tfjs bundle.
 * Returns whether it was removed; the images then run the pure-JS cpu backend.
 */
export function unlinkBrokenTfjsNode(context: string): boolean {
  const store = join(context, 'node_modules', '.pnpm');
  const ids = readdirSync(store).filter((id) => id.startsWith('@tensorflow+tfjs-node@'));
  const hasBinding = ids.some((id) => {
    const lib = join(store, id, 'node_modules', '@tensorflow', 'tfjs-node', 'lib');
    return existsSync(lib) && readdirSync(lib).some((dir) => existsSync(join(lib, dir, 'tfjs_binding.node')));
  });
  if (ids.length === 0 || hasBinding) return false;
  for (const id of readdirSync(store)) {
    const link = join(store, id, 'node_modules', '@tensorflow', 'tfjs-node');
    if (!id.startsWith('@tensorflow+tfjs-node@') && existsSync(join(store, id, 'node_modules', '@tensorflow')))
      rmSync(link, { force: true });
  }
  rmSync(join(context, 'node_modules', '@tensorflow', 'tfjs-node'), { force: true });
  rmSync(join(store, 'node_modules', '@tensorflow', 'tfjs-node'), { force: true });
  return true;
}
