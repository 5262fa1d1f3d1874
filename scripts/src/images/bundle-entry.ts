import { rmSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { build } from 'esbuild';

/** Packages left out of the bundle: TensorFlow.js, whose optional native backend must share the one tfjs-core. */
export const EXTERNAL_PACKAGES = ['@tensorflow/*'] as const;

/** Options of {@link bundleEntry}. */
export interface BundleOptions {
  /**
   * Dynamic imports become chunks loaded on use (the API: the S3 client only for an s3:// store). Not for the
   * trainer: esbuild's namespace of a split `export * from '<external>'` (shared/src/model/tf.ts) lacks the external
   * names (tfjs.setBackend is not a function). @default false
   */
  readonly splitting?: boolean;
}

/** The bundle and the packages it still imports at run time. */
export interface Bundle {
  /** The entry and its chunks. */
  readonly bytes: number;
  /** The entry file alone. */
  readonly entryBytes: number;
  /** Bare package names it imports (node: builtins excluded), e.g. `@tensorflow/tfjs-core`. */
  readonly externals: readonly string[];
}

// Bundled CommonJS dependencies call require() for Node's builtins; an ES module has no require of its own.
const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const BUILTIN =
  /^(node:|(assert|async_hooks|buffer|child_process|cluster|crypto|diagnostics_channel|dns|events|fs|http|http2|https|module|net|os|path|perf_hooks|process|querystring|readline|stream|string_decoder|timers|tls|tty|url|util|v8|vm|worker_threads|zlib)(\/|$))/;

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * Bundles an entry (TypeScript, straight from the checkout) and every pure-JS dependency into one ES module for
 * Node 22: one file to read and compile instead of hundreds to resolve, which halves a container's start-up at a
 * half-CPU limit, and no TypeScript loader at run time. TensorFlow.js stays external (see EXTERNAL_PACKAGES).
 */
export async function bundleEntry(entry: string, outfile: string, options: BundleOptions = {}): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    // Code splitting: what the entry imports dynamically (the S3 client, only for an s3:// store) goes to
    // chunks/ beside it, so a tenant with a local model never reads or compiles it.
    outdir: dirname(outfile),
    entryNames: basename(outfile, extname(outfile)),
    outExtension: { '.js': extname(outfile) || '.js' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: options.splitting === true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: [...EXTERNAL_PACKAGES],
    banner: { js: REQUIRE_SHIM },
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'silent',
  }).catch((error: Error) => {
    throw new Error(`bundling ${entry} for the image failed: ${error.message}`, { cause: error });
  });
  const outputs = new Map(Object.entries(result.metafile.outputs).map(([path, o]) => [resolve(path), o]));
  // Chunks no import of the entry reaches (a dynamic import that tree shaking removed, e.g. TF.js for publishing in
  // the API) are deleted: their packages must not count as run-time imports.
  const reached = new Set<string>();
  const visit = (path: string) => {
    if (reached.has(path) || !outputs.has(path)) return;
    reached.add(path);
    for (const i of outputs.get(path)?.imports ?? []) if (!i.external) visit(resolve(i.path));
  };
  visit(resolve(outfile));
  for (const path of outputs.keys()) if (!reached.has(path)) rmSync(path, { force: true });
  const kept = [...reached].map((path) => outputs.get(path)).filter((o) => o !== undefined);
  const externals = new Set(
    kept.flatMap((o) => o.imports.filter((i) => i.external && !BUILTIN.test(i.path)).map((i) => packageOf(i.path))),
  );
  const bytes = kept.reduce((sum, o) => sum + o.bytes, 0);
  const entryBytes = outputs.get(resolve(outfile))?.bytes ?? 0;
  return { bytes, entryBytes, externals: [...externals].sort() };
}
