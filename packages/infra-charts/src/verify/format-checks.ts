import type { Check } from './isolation-checks.js';

/** What verify found for one profile, as the CLI prints it. */
export interface ProfileOutcome {
  readonly profile: string;
  readonly checks: readonly Check[];
  readonly tenants: number;
  /** Tenants whose shape differs from the common one. */
  readonly exceptions: readonly string[];
  /** `--diff` lines, when asked for. */
  readonly changes?: readonly string[];
  readonly diffRef?: string;
}

/** How many failing instances of one guarantee the default output lists before pointing at `--verbose`. */
export const SHOWN_FAILURES = 20;
const DETAIL_LINES = 10;
const LINE_CHARS = 400;

const line = (ok: boolean, profile: string, text: string) => `${ok ? 'ok  ' : 'FAIL'} ${profile}: ${text}`;

function detailOf(c: Check, limit: number): string[] {
  if (c.ok || !c.detail) return [];
  const lines = c.detail.split('\n');
  const cut = (l: string) =>
    Number.isFinite(limit) && l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS)}… (--verbose shows all)` : l;
  const shown = lines.slice(0, limit).map((l) => `     ${cut(l)}`);
  return lines.length > limit ? [...shown, `     … ${lines.length - limit} more lines (--verbose shows all)`] : shown;
}

/**
 * The text report: by default one line per guarantee (a per-tenant guarantee as one line for all tenants),
 * then each failure with its detail; `verbose` prints every check. Size: the guarantees plus the failures.
 */
export function formatText(outcomes: readonly ProfileOutcome[], verbose: boolean): string[] {
  const out: string[] = [];
  for (const o of outcomes) {
    if (o.changes)
      out.push(
        `${o.profile}: isolation changes since ${o.diffRef}: ${o.changes.length === 0 ? 'none' : `\n  ${o.changes.join('\n  ')}`}`,
      );
    const shown = o.exceptions.slice(0, SHOWN_FAILURES).join(', ');
    out.push(
      `${o.profile}: ${o.tenants} tenants, ${o.exceptions.length === 0 ? 'all of one shape' : `${o.exceptions.length} differ from the common shape: ${shown}${o.exceptions.length > SHOWN_FAILURES ? ', …' : ''} (REPORT.md lists what differs)`}`,
    );
    if (verbose) {
      for (const c of o.checks) out.push(line(c.ok, o.profile, c.name), ...detailOf(c, Number.POSITIVE_INFINITY));
      continue;
    }
    const groups = new Map<string, Check[]>();
    for (const c of o.checks) {
      const key = c.group ?? `\u0000${c.name}`;
      const list = groups.get(key);
      if (list) list.push(c);
      else groups.set(key, [c]);
    }
    for (const [key, checks] of groups) {
      const failed = checks.filter((c) => !c.ok);
      if (key.startsWith('\u0000')) {
        const c = checks[0] as Check;
        out.push(line(c.ok, o.profile, c.name), ...detailOf(c, DETAIL_LINES));
        continue;
      }
      const count = `${checks.length} tenant${checks.length === 1 ? '' : 's'}`;
      out.push(
        line(failed.length === 0, o.profile, `${key} (${failed.length ? `${failed.length} of ${count} fail` : count})`),
      );
      for (const c of failed.slice(0, SHOWN_FAILURES)) out.push(`  FAIL ${c.name}`, ...detailOf(c, DETAIL_LINES));
      if (failed.length > SHOWN_FAILURES) out.push(`  … ${failed.length - SHOWN_FAILURES} more (--verbose lists all)`);
    }
  }
  const failed = outcomes.reduce((n, o) => n + o.checks.filter((c) => !c.ok).length, 0);
  out.push(failed === 0 ? 'verify: every check passed' : `verify: ${failed} check${failed === 1 ? '' : 's'} failed`);
  return out;
}

/** The machine-readable report (`--format json`): every check of every profile, and the verdict. */
export function formatJson(outcomes: readonly ProfileOutcome[]): string {
  const profiles = outcomes.map((o) => ({
    profile: o.profile,
    ok: o.checks.every((c) => c.ok),
    failed: o.checks.filter((c) => !c.ok).length,
    tenants: o.tenants,
    exceptions: o.exceptions,
    ...(o.changes ? { isolationChanges: { since: o.diffRef, lines: o.changes } } : {}),
    checks: o.checks,
  }));
  return JSON.stringify({ ok: profiles.every((p) => p.ok), profiles }, null, 2);
}
