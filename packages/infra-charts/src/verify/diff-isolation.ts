import type { Manifest } from '../manifest/manifest.js';
import { analyzeIsolation, type IsolationAnalysis } from './analyze-isolation.js';

/** Manifests, or their analysis when the caller already built it (verify does: the model is built once). */
export type IsolationInput = readonly Manifest[] | IsolationAnalysis;

/** Allowed flows and RBAC grants of a set of manifests, as comparable strings. */
export function isolationFacts(input: IsolationInput): { flows: Set<string>; grants: Set<string> } {
  const analysis = 'model' in input ? input : analyzeIsolation(input);
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
export function diffIsolation(before: IsolationInput, after: IsolationInput): string[] {
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
