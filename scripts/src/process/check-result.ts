/** One check of `pnpm images:test`. */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The closing summary: one line per check, and the count. */
export function formatChecks(checks: readonly CheckResult[]): string {
  const failed = checks.filter((c) => !c.ok).length;
  return [
    ...checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.name} — ${c.detail}`),
    `${checks.length - failed}/${checks.length} checks passed${failed ? `; ${failed} failed` : ''}`,
  ].join('\n');
}
