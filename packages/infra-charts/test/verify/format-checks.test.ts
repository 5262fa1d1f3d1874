import { formatJson, formatText, SHOWN_FAILURES } from '../../src/verify/format-checks.js';
import type { Check } from '../../src/verify/isolation-checks.js';

const GROUP = '<tenant> -> any other tenant: blocked on every port';
const perTenant = (n: number, failing: number): Check[] =>
  Array.from({ length: n }, (_, i) => ({
    name: GROUP.replace('<tenant>', `t${i}`),
    group: GROUP,
    ok: i >= failing,
    ...(i < failing ? { detail: `t${i}/api -> t${n - 1}/api:8000/TCP` } : {}),
  }));
const outcome = (checks: Check[], exceptions: string[] = []) => ({
  profile: 'kind',
  checks,
  tenants: 1000,
  exceptions,
});

describe('verify output', () => {
  it.each([
    [
      0,
      ['ok   kind: <tenant> -> any other tenant: blocked on every port (1000 tenants)', 'verify: every check passed'],
    ],
    [
      1,
      [
        'FAIL kind: <tenant> -> any other tenant: blocked on every port (1 of 1000 tenants fail)',
        '  FAIL t0 -> any other tenant: blocked on every port',
        '     t0/api -> t999/api:8000/TCP',
        'verify: 1 check failed',
      ],
    ],
  ])('summarises a per-tenant guarantee in one line, then lists failures (%i failing)', (failing, expected) => {
    const lines = formatText([outcome(perTenant(1000, failing))], false);
    expect(lines.slice(1)).toEqual(expected);
  });

  it(`lists at most ${SHOWN_FAILURES} failures of a guarantee, then how many more, and all with --verbose`, () => {
    const checks = perTenant(1000, 30);
    const lines = formatText([outcome(checks)], false);
    expect(lines.filter((l) => l.startsWith('  FAIL'))).toHaveLength(SHOWN_FAILURES);
    expect(lines).toContain(`  … ${30 - SHOWN_FAILURES} more (--verbose lists all)`);
    expect(lines.length).toBeLessThan(200);
    expect(formatText([outcome(checks)], true).filter((l) => l.startsWith('FAIL'))).toHaveLength(30);
  });

  it('cuts long detail lines in the summary, never in --verbose or JSON', () => {
    const long: Check = { name: 'x', ok: false, detail: 'y'.repeat(5000) };
    expect(formatText([outcome([long])], false).find((l) => l.includes('yyy'))?.length).toBeLessThan(500);
    expect(formatText([outcome([long])], true).find((l) => l.includes('yyy'))?.length).toBeGreaterThan(5000);
    expect(JSON.parse(formatJson([outcome([long])])).profiles[0].checks[0].detail).toHaveLength(5000);
  });

  it('names the tenants that differ from the common shape in the first line', () => {
    expect(formatText([outcome([], ['t7', 't9'])], false)[0]).toBe(
      'kind: 1000 tenants, 2 differ from the common shape: t7, t9 (REPORT.md lists what differs)',
    );
  });
});
