import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeGeneratedConfig } from '../../bench/generate-config.js';
import { synthesize } from '../../src/synth/synthesize.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../src/cli/verify-cli.ts');
const TSX = join(import.meta.dirname, '../../../../node_modules/.bin/tsx');
const work = mkdtempSync(join(tmpdir(), 'verify-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `pnpm verify` as a real child process on a synthesized 30-tenant dist. */
async function verify(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, '--dist', join(work, 'dist'), '--profile', 'kind', ...args], {
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  await synthesize({ configFile: writeGeneratedConfig(work, 30), outDir: join(work, 'dist'), profiles: ['kind'] });
}, 60_000);

describe('pnpm verify output', () => {
  it('prints a summary by default: one line per guarantee for all 30 tenants', async () => {
    const { code, stdout } = await verify();
    expect(code).toBe(0);
    expect(stdout).toContain('kind: 30 tenants, all of one shape');
    expect(stdout).toContain('ok   kind: <tenant> -> any other tenant: blocked on every port (30 tenants)');
    // 20-odd per-tenant guarantees and the edge's global ones: the count does not grow with the tenants.
    expect(stdout.trim().split('\n').length).toBeLessThan(35);
  }, 60_000);

  it('prints every check with --verbose', async () => {
    const { code, stdout } = await verify('--verbose');
    expect(code).toBe(0);
    expect(stdout).toContain('ok   kind: tenant-0029 -> any other tenant: blocked on every port');
    expect(stdout.split('\n').filter((l) => l.startsWith('ok   kind: tenant-0017')).length).toBeGreaterThan(5);
  }, 60_000);

  it('prints every check as JSON with --format json, and fails (exit 1) naming a tenant whose policy changed', async () => {
    const file = join(work, 'dist/kind/50-tenant-tenant-0012.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      before.replace(
        '  egress:\n    - to:\n        - podSelector: {}\n',
        '  egress:\n    - to:\n        - podSelector: {}\n        - namespaceSelector: {}\n',
      ),
    );
    try {
      const { code, stdout } = await verify('--format', 'json');
      const report = JSON.parse(stdout) as {
        ok: boolean;
        profiles: Array<{ exceptions: string[]; checks: Array<{ name: string; ok: boolean }> }>;
      };
      expect(code).toBe(1);
      expect(report.ok).toBe(false);
      expect(report.profiles[0]?.exceptions).toEqual(['tenant-0012']);
      expect(report.profiles[0]?.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(
        expect.arrayContaining(['tenant-0012: no other egress']),
      );
    } finally {
      writeFileSync(file, before);
    }
  }, 60_000);

  it('refuses an unknown --format naming the allowed ones', async () => {
    const { code, stderr } = await verify('--format', 'xml');
    expect(code).not.toBe(0);
    expect(stderr).toContain('--format "xml" is not supported; allowed: text, json');
  }, 60_000);
});
