import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../src/cli/repo-paths.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../src/cli/synth-cli.ts');
const TSX = join(import.meta.dirname, '../../../../node_modules/.bin/tsx');
const EXAMPLE = join(REPO_ROOT, 'packages/infra-charts/examples/nightly-rescore.ts');
const work = mkdtempSync(join(tmpdir(), 'synth-extension-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `pnpm synth` as a real child process, writing to a temporary folder. */
async function synth(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, '--profile', 'kind', '--out', join(work, 'dist'), ...args], {
      timeout: 90_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('pnpm synth --extension <module>', () => {
  it('adds the example CronJob to each tenant file (before: no CronJob; after: one per tenant)', async () => {
    const before = await synth();
    expect(before.code).toBe(0);
    expect(readFileSync(join(work, 'dist/kind/50-tenant-tenant-a.yaml'), 'utf8')).not.toContain('kind: CronJob');
    const after = await synth('--extension', EXAMPLE);
    expect(after.code).toBe(0);
    for (const tenant of ['tenant-a', 'tenant-b'])
      expect(readFileSync(join(work, `dist/kind/50-tenant-${tenant}.yaml`), 'utf8')).toContain(
        `kind: CronJob\nmetadata:\n  labels:\n    app.kubernetes.io/part-of: mlops-platform\n  name: nightly-rescore\n  namespace: ${tenant}`,
      );
  }, 120_000);

  it.each([
    [
      'a missing module',
      'no-such-extension.ts',
      /--extension: ".*no-such-extension.ts" not found; pass the path of a \.ts or \.js module/,
    ],
    [
      'a module without a usable default export',
      'bad.mjs',
      /bad\.mjs: name "Bad Name" must be a DNS-1123 label[\s\S]*tenant must be a function/,
    ],
  ])(
    'refuses %s with a message naming it, writing nothing',
    async (_what, file, message) => {
      writeFileSync(join(work, 'bad.mjs'), "export default { name: 'Bad Name', tenant: 'not a function' };\n");
      const { code, stderr } = await synth('--out', join(work, 'refused'), '--extension', join(work, file));
      expect(code).toBe(1);
      expect(stderr).toMatch(message);
      expect(() => readFileSync(join(work, 'refused/kind/Kustomization'))).toThrow();
    },
    120_000,
  );
});
