import type { Manifest } from '../manifest/manifest.js';
import { analyzeIsolation } from './analyze-isolation.js';

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
