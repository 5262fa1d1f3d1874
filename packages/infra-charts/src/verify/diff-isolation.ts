import { execFileSync } from 'node:child_process';
import type { Manifest } from '../manifest/manifest.js';
import { analyzeIsolation } from './analyze-isolation.js';
import { parseManifests } from './parse-manifests.js';

/** Allowed flows and RBAC grants of a set of manifests, as comparable strings. */
export function isolationFacts(manifests: readonly Manifest[]): { flows: Set<string>; grants: Set<string> } {
  const analysis = analyzeIsolation(manifests);
  const flows = new Set(analysis.flows.map((f) => `${f.from} -> ${f.to}:${f.port}`));
  const grants = new Set(
    analysis.grants.flatMap((g) =>
      g.rules.map(
        (r) =>
          `${g.subject} @ ${g.scope === '*' ? 'cluster' : g.scope}: ${(r.verbs ?? []).join(',')} ${(r.resources ?? []).join(',')}`,
      ),
    ),
  );
  return { flows, grants };
}

/** The manifests of dist/<profile>/ as committed at a git ref. */
export function manifestsAtRef(repo: string, ref: string, profile: string): Manifest[] {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd: repo, encoding: 'utf8', timeout: 30_000, maxBuffer: 256 * 1024 * 1024 });
  let names: string[];
  try {
    names = git(['ls-tree', '--name-only', `${ref}:dist/${profile}`])
      .split('\n')
      .filter((n) => n.endsWith('.yaml'));
  } catch (error) {
    throw new Error(`cannot read dist/${profile} at ${ref}; pass a commit, branch or tag that has it`, {
      cause: error,
    });
  }
  return names.flatMap((name) =>
    parseManifests(git(['show', `${ref}:dist/${profile}/${name}`]), `${ref}:dist/${profile}/${name}`),
  );
}

/** Lines like `+ flow tenant-a/x -> tenant-b/y:8000/TCP` for what a change allows or takes away. */
export function diffIsolation(before: readonly Manifest[], after: readonly Manifest[]): string[] {
  const a = isolationFacts(before);
  const b = isolationFacts(after);
  const lines: string[] = [];
  for (const [kind, was, now] of [
    ['flow', a.flows, b.flows],
    ['grant', a.grants, b.grants],
  ] as const) {
    for (const x of [...now].filter((v) => !was.has(v)).sort()) lines.push(`+ ${kind} ${x}`);
    for (const x of [...was].filter((v) => !now.has(v)).sort()) lines.push(`- ${kind} ${x}`);
  }
  return lines;
}
