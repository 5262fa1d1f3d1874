import { build } from 'esbuild';

/** Packages left out of the bundle: TensorFlow.js, whose optional native backend must share the one tfjs-core. */
export const EXTERNAL_PACKAGES = ['@tensorflow/*'] as const;

/** The bundle and the packages it still imports at run time. */
export interface Bundle {
  readonly bytes: number;
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
export async function bundleEntry(entry: string, outfile: string): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    outfile,
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
  const output = Object.values(result.metafile.outputs)[0];
  const externals = new Set(
    (output?.imports ?? []).filter((i) => i.external && !BUILTIN.test(i.path)).map((i) => packageOf(i.path)),
  );
  return { bytes: output?.bytes ?? 0, externals: [...externals].sort() };
}
