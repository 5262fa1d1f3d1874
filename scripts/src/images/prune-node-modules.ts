import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sizeOf } from './dir-size.js';

/** Never removed, whatever their extension: licences and notices travel with the code they cover. */
const KEEP = /^(licen[cs]e|notice|copying|authors)/i;

/** Files no `node` process reads: source maps, type declarations, TypeScript sources, docs, build info. */
const DEAD_FILE = /(\.map|\.[mc]?ts|\.tsbuildinfo|\.md|\.markdown)$/i;

/** TensorFlow.js browser bundles (UMD, ES2017, FESM, minified, and their size reports). */
const BROWSER_BUNDLE = /^tf[\w-]*(\.es2017|\.fesm|\.esm)?(\.min)?\.js(\.html)?$/;

/** Whether a file in node_modules is dead weight in a production image: a pure rule on its name. */
export function isDeadFile(fileName: string): boolean {
  return !KEEP.test(fileName) && DEAD_FILE.test(fileName);
}

/**
 * Whether a file directly in a TensorFlow.js package's `dist/` is a browser bundle: Node loads the package's
 * CommonJS `main` (e.g. `dist/tf-core.node.js`) and never these.
 */
export function isBrowserBundle(fileName: string, main: string | undefined): boolean {
  return BROWSER_BUNDLE.test(fileName) && !fileName.endsWith('.node.js') && fileName !== basename(main ?? '');
}

/**
 * Deletes dead files under `dir/node_modules` (real files only, symlinks left alone) and the browser bundles of
 * TensorFlow.js packages; returns the bytes freed. The staged package's own files are not touched.
 */
export function pruneNodeModules(dir: string): number {
  let freed = 0;
  const remove = (path: string) => {
    freed += sizeOf(path);
    rmSync(path, { recursive: true });
  };
  const visit = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) {
        if (/^tfjs/.test(entry.name) && basename(path) === '@tensorflow') pruneTfjsDist(full, remove);
        visit(full);
      } else if (entry.isFile() && isDeadFile(entry.name)) remove(full);
    }
  };
  visit(join(dir, 'node_modules'));
  return freed;
}

function pruneTfjsDist(packageDir: string, remove: (path: string) => void): void {
  const dist = join(packageDir, 'dist');
  let main: string | undefined;
  try {
    main = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { main?: string }).main;
    readdirSync(dist);
  } catch {
    return;
  }
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name === 'miniprogram') remove(join(dist, entry.name));
    else if (entry.isFile() && isBrowserBundle(entry.name, main)) remove(join(dist, entry.name));
  }
}
