import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The real CLIs as child processes (tsx), against copies of the committed dist/: exit codes and messages as users see them. */
const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = resolve(PKG, '../../dist');
const TSX = join(PKG, '../../node_modules/.bin/tsx');

async function cli(name: 'plan' | 'verify', args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [join(PKG, `src/cli/${name}-cli.ts`), ...args], {
      cwd: PKG,
      env: { ...process.env, INIT_CWD: PKG },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const work = mkdtempSync(join(tmpdir(), 'plan-cli-'));
/** A copy of the committed dist/ with `edit` applied to one file of kind/. */
function distWith(name: string, edit?: { file: string; change: (text: string) => string }) {
  const dir = join(work, name);
  cpSync(DIST, dir, { recursive: true });
  if (edit) {
    const path = join(dir, 'kind', edit.file);
    writeFileSync(path, edit.change(readFileSync(path, 'utf8')));
  }
  return dir;
}

describe('pnpm plan (real CLI)', () => {
  it('reports an injected Deployment selector change as "replace" and exits 1', async () => {
    const changed = distWith('selector', {
      file: '50-tenant-tenant-a.yaml',
      change: (t) =>
        t.replace('  selector:\n    matchLabels:\n', '  selector:\n    matchLabels:\n      injected: "yes"\n'),
    });
    const { code, stdout } = await cli('plan', ['--from', DIST, '--dist', changed, '--profile', 'kind']);
    expect(stdout).toMatch(
      /! REPLACE needed +Deployment tenant-a\/tenant-a-ml-inference \[tenant tenant-a\]: spec\.selector is immutable/,
    );
    expect(stdout).toContain('NOT APPLIABLE');
    expect(code).toBe(1);
  }, 60_000);

  it('says which workload rolls and why, in every format, and exits 0', async () => {
    const changed = distWith('log-level', {
      file: '50-tenant-tenant-b.yaml',
      change: (t) =>
        t
          .replace('LOG_LEVEL: info', 'LOG_LEVEL: debug')
          .replace(/(checksum\.mlops\.platform\/config: )"?\w+"?/, '$1changed'),
    });
    const human = await cli('plan', ['--from', DIST, '--dist', changed, '--profile', 'kind']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /↻ update, rolls pods Deployment tenant-b\/tenant-b-ml-inference \[tenant tenant-b\]: ConfigMap tenant-b-ml-inference-config changed \(LOG_LEVEL\)/,
    );
    expect(human.stdout).toMatch(
      /~ update in place +ConfigMap tenant-b\/tenant-b-ml-inference-config .*read by Deployment tenant-b-ml-inference/,
    );
    const md = await cli('plan', ['--from', DIST, '--dist', changed, '--profile', 'kind', '--format', 'markdown']);
    expect(md.stdout).toContain('| update, rolls pods | `Deployment tenant-b/tenant-b-ml-inference` | tenant-b |');
    const json = JSON.parse((await cli('plan', ['--from', DIST, '--dist', changed, '--format', 'json'])).stdout);
    expect(json.profiles.map((p: { profile: string }) => p.profile)).toEqual(['eks', 'kind']);
    expect(json.profiles[1].changes.map((c: { action: string }) => c.action)).toEqual(['roll', 'update']);
  }, 60_000);

  it.each([
    {
      what: 'a missing folder',
      args: ['--dist', '/nonexistent'],
      message: '/nonexistent does not exist; run pnpm synth',
    },
    { what: 'an empty folder', args: ['--dist', 'EMPTY'], message: 'holds no synthesized profile' },
    {
      what: 'a profile folder instead of dist/',
      args: ['--dist', `${DIST}/kind`],
      message: "is one profile's folder; pass its parent",
    },
    { what: 'an unknown git ref', args: ['--base', 'no-such-ref'], message: 'git ref "no-such-ref" does not exist' },
    { what: 'an unknown option', args: ['--bogus'], message: "Unknown option '--bogus'" },
    {
      what: 'an unknown format',
      args: ['--format', 'xml'],
      message: '--format "xml" is not one of human, json, markdown',
    },
    { what: 'both --base and --from', args: ['--base', 'HEAD', '--from', DIST], message: 'either --base' },
  ])(
    'refuses $what with exit 2, naming it and the fix',
    async ({ args, message }) => {
      const empty = join(work, 'empty');
      mkdirSync(empty, { recursive: true });
      const { code, stderr, stdout } = await cli(
        'plan',
        args.map((a) => (a === 'EMPTY' ? empty : a)),
      );
      expect(stderr).toContain(message);
      expect(stdout).toBe('');
      expect(code).toBe(2);
    },
    60_000,
  );

  it('refuses invalid YAML and a dist/ of another profile, writing nothing', async () => {
    const broken = distWith('broken', { file: '30-monitoring.yaml', change: (t) => `${t}\n: : [unclosed\n` });
    const before = readdirSync(join(broken, 'kind')).sort();
    const bad = await cli('plan', ['--from', DIST, '--dist', broken, '--profile', 'kind']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/30-monitoring\.yaml:\d+:\d+: not valid YAML/);
    expect(readdirSync(join(broken, 'kind')).sort()).toEqual(before);
    const swapped = distWith('swapped');
    rmSync(join(swapped, 'kind'), { recursive: true });
    cpSync(join(DIST, 'eks'), join(swapped, 'kind'), { recursive: true });
    const foreign = await cli('plan', ['--from', DIST, '--dist', swapped, '--profile', 'kind']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('holds profile "eks", not "kind"');
  }, 60_000);

  it('--help names every option and the exit codes', async () => {
    const { code, stdout } = await cli('plan', ['--help']);
    expect(code).toBe(0);
    for (const o of ['--base', '--from', '--dist', '--profile', '--format', 'Exit code']) expect(stdout).toContain(o);
  });
});

describe('pnpm verify refuses a folder that is not synth output (exit 2, never "every check passed")', () => {
  it.each([['/nonexistent'], ['an empty folder']])(
    '--dist %s',
    async (given) => {
      const dir = given.startsWith('/') ? given : mkdtempSync(join(tmpdir(), 'empty-dist-'));
      const { code, stdout, stderr } = await cli('verify', ['--dist', dir]);
      expect(code).toBe(2);
      expect(stdout).not.toContain('every check passed');
      expect(stderr).toContain(dir);
      expect(stderr).toContain('run pnpm synth');
    },
    60_000,
  );
});
