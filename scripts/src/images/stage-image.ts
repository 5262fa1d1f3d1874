import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCommand } from '../process/run-command.js';
import { bundleEntry } from './bundle-entry.js';
import { formatMegabytes, sizeOf } from './dir-size.js';
import type { ImageSpec } from './image-specs.js';
import { linkExternals, withOptionalExternals } from './link-externals.js';
import { pruneNodeModules } from './prune-node-modules.js';
import { pruneUnreachablePackages, unlinkBrokenTfjsNode } from './prune-virtual-store.js';
import { replaceFile } from './replace-file.js';

/** What staging needs to know about the checkout. */
export interface StageOptions {
  readonly repo: string;
  /** Where the build contexts go, one folder per image. */
  readonly stageRoot: string;
  readonly log: (line: string) => void;
}

/** The staged build context of one image. */
export interface StagedImage {
  readonly spec: ImageSpec;
  readonly context: string;
  readonly bytes: number;
  /** The packages left in node_modules (what the bundle imports). */
  readonly externals: readonly string[];
}

/**
 * Prepares an image's build context on the host, so `docker build` only copies files and needs no network:
 * `pnpm deploy --prod` of the package (with tfjs-node's native binding where its download works), the entry
 * bundled with its pure-JS dependencies into the entry's own path (so paths relative to it still resolve),
 * `main` pointing at it, and node_modules cut down to what the bundle imports.
 */
export async function stageImage(spec: ImageSpec, options: StageOptions): Promise<StagedImage> {
  const context = join(options.stageRoot, spec.name);
  rmSync(context, { recursive: true, force: true });
  mkdirSync(dirname(context), { recursive: true });
  // tfjs-node's install step may fail (no download of libtensorflow): it is optional, pnpm carries on.
  await runCommand('pnpm', ['--filter', spec.packageName, 'deploy', '--prod', '--prefer-offline', context], {
    cwd: options.repo,
    timeoutMs: 10 * 60_000,
  });
  const packageDir = await workspacePackageDir(options.repo, spec.packageName);
  const main = spec.entry.replace(/\.ts$/, '.js');
  rmSync(join(context, 'src'), { recursive: true, force: true });
  // Only the API is split: its S3 client loads on use (see BundleOptions for why the trainer is not).
  const splitting = spec.packageName === '@mlops/inference-api';
  const bundle = await bundleEntry(join(packageDir, spec.entry), join(context, main), { splitting });
  const withoutNative = unlinkBrokenTfjsNode(context);
  const externals = linkExternals(context, withOptionalExternals(bundle.externals));
  for (const leftover of ['pnpm-lock.yaml', 'pnpm-workspace.yaml']) rmSync(join(context, leftover), { force: true });
  pruneUnreachablePackages(context);
  pruneNodeModules(context);
  writeManifest(context, main, externals);
  writeDockerignore(context);
  const bytes = sizeOf(context);
  options.log(
    `${spec.name}: staged ${formatMegabytes(bytes)} in ${context}: ${main} (${formatMegabytes(bundle.entryBytes)} bundle, ${formatMegabytes(bundle.bytes - bundle.entryBytes)} in lazy chunks), ` +
      `node_modules: ${externals.join(', ')}`,
  );
  if (withoutNative)
    options.log(
      `${spec.name}: @tensorflow/tfjs-node has no native binding here (libtensorflow could not be downloaded): left out, the image runs the pure-JS cpu backend`,
    );
  return { spec, context, bytes, externals };
}

/** The folder of a workspace package, as pnpm knows it. */
async function workspacePackageDir(repo: string, packageName: string): Promise<string> {
  const { stdout } = await runCommand('pnpm', ['--filter', packageName, 'list', '--depth', '-1', '--json'], {
    cwd: repo,
    timeoutMs: 60_000,
  });
  const path = (JSON.parse(stdout) as Array<{ path?: string }>)[0]?.path;
  if (!path) throw new Error(`pnpm does not know the workspace package ${packageName}`);
  return path;
}

/** The container runs `node /app`: `main` names the bundle; dependencies list what node_modules still holds. */
function writeManifest(context: string, main: string, externals: readonly string[]): void {
  const path = join(context, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const version = (name: string) =>
    (JSON.parse(readFileSync(join(context, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version;
  manifest.main = main;
  manifest.exports = undefined;
  manifest.dependencies = Object.fromEntries(externals.map((name) => [name, version(name)]));
  for (const field of ['optionalDependencies', 'devDependencies', 'scripts', 'files']) manifest[field] = undefined;
  replaceFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The context's allow-list: what staging produced enters the image, anything put in the folder later does not. */
function writeDockerignore(context: string): void {
  const staged = readdirSync(context).filter((name) => name !== '.dockerignore');
  const lines = [
    '# Written by pnpm images:stage: only the staged files go into the image.',
    '*',
    ...staged.sort().map((n) => `!${n}`),
  ];
  writeFileSync(join(context, '.dockerignore'), `${lines.join('\n')}\n`);
}
