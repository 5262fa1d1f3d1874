import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlatformExtension } from './platform-extension.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Problems of one extension value (from a module or passed in code), each naming `source`; empty when it is usable. */
export function extensionProblems(value: unknown, source: string): string[] {
  if (value === null || typeof value !== 'object')
    return [
      `${source}: the default export must be a PlatformExtension object ({ name, tenant?, profile? }), got ${typeof value}`,
    ];
  const e = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof e.name !== 'string' || !DNS_LABEL.test(e.name))
    problems.push(
      `${source}: name ${JSON.stringify(e.name)} must be a DNS-1123 label (lowercase letters, digits, '-'), e.g. "nightly-rescore"`,
    );
  for (const hook of ['tenant', 'profile'] as const)
    if (e[hook] !== undefined && typeof e[hook] !== 'function')
      problems.push(`${source}: ${hook} must be a function (scope, context) => void, got ${typeof e[hook]}`);
  if (e.tenant === undefined && e.profile === undefined)
    problems.push(`${source}: declares neither a tenant nor a profile hook; add one of them`);
  return problems;
}

/** Checks a list of extensions and lists every problem at once (including two with the same name). */
export function checkExtensions(extensions: readonly unknown[], sources: readonly string[] = []): PlatformExtension[] {
  const problems = extensions.flatMap((e, i) => extensionProblems(e, sources[i] ?? `extensions[${i}]`));
  const names = extensions.map((e) => (e as { name?: unknown } | null)?.name);
  for (const [i, name] of names.entries())
    if (typeof name === 'string' && names.indexOf(name) !== i)
      problems.push(
        `${sources[i] ?? `extensions[${i}]`}: another extension is already named "${name}"; names must be unique`,
      );
  if (problems.length > 0)
    throw new Error(`invalid extension${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`);
  return extensions as PlatformExtension[];
}

/** Imports each `--extension` module (its default export is a PlatformExtension), paths relative to `cwd`. */
export async function loadExtensions(paths: readonly string[], cwd: string): Promise<PlatformExtension[]> {
  const files = paths.map((p) => resolve(cwd, p));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0)
    throw new Error(
      `--extension: ${missing.map((f) => `"${f}"`).join(', ')} not found; pass the path of a .ts or .js module`,
    );
  const modules = await Promise.all(files.map((f) => import(pathToFileURL(f).href) as Promise<{ default?: unknown }>));
  return checkExtensions(
    modules.map((m) => m.default),
    files.map((f) => `--extension ${f}`),
  );
}
