import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ROOT_SCRIPTS = (
  JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** Runs a root package.json script exactly as `pnpm <name> <args>` would (sh -c "<script> <args>", in the repo). */
async function runScript(
  name: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = ROOT_SCRIPTS[name];
  if (!script) throw new Error(`no root script ${name}`);
  const line = `${script} ${args.map((a) => `'${a}'`).join(' ')}`;
  try {
    const { stdout, stderr } = await promisify(execFile)('sh', ['-c', line], {
      cwd: REPO,
      env: { ...process.env, INIT_CWD: REPO, PATH: `${join(REPO, 'node_modules/.bin')}:${process.env.PATH}` },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// Every command of the README table, and what its help must mention (an option or variable it documents).
const COMMANDS: readonly (readonly [script: string, mentions: string])[] = [
  ['synth', '--profile <name>'],
  ['verify', '--diff <git-ref>'],
  ['train', '--eval <file>'],
  ['upload', 's3://bucket/key'],
  ['serve', 'MODEL_URI'],
  ['start', '--port <n>'],
  ['demo', '--retrain'],
  ['bench:synth', '[runs]'],
  ['bench:train', '[sst2-dir]'],
  ['bench:api', '--soak N'],
  ['loadtest', '--slo-p99 MS'],
  ['loadtest:hpa', '--tenant <name>'],
  ['images:build', '--base-image <ref>'],
  ['images:test', '--profile <name>'],
  ['images:base', '--mirror <url>'],
  ['images:repository', '--image <name>'],
];

describe('every README command (real processes)', () => {
  it.each(COMMANDS)(
    'pnpm %s: --help and -h print usage, options, defaults and an example (exit 0); an unknown flag gets the valid ones (exit 2)',
    async (script, mentions) => {
      const [long, short, unknown] = await Promise.all([
        runScript(script, ['--help']),
        runScript(script, ['-h']),
        runScript(script, ['--no-such-flag']),
      ]);
      expect({ code: long.code, stderr: long.stderr }).toEqual({ code: 0, stderr: '' });
      expect(long.stdout).toMatch(/^Usage: pnpm /);
      expect(long.stdout).toContain(mentions);
      expect(long.stdout).toContain('-h, --help');
      expect(long.stdout).toMatch(/\nExamples?:\n {2}\S/);
      expect(short).toEqual(long);
      expect(unknown.code).toBe(2);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr).toMatch(
        /unknown option --no-such-flag; valid options: .*-h\/--help\. Run "pnpm [^"]+ --help" for usage\./,
      );
      expect(`${long.stdout}${unknown.stderr}`).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/);
    },
  );
});

describe('pnpm serve --help lists the API environment from the config loader', () => {
  it('names every variable the loader reads, with its default and allowed values', async () => {
    const { API_ENV_SCHEMA } = await import('@mlops/inference-api');
    const { stdout } = await runScript('serve', ['--help']);
    for (const name of Object.keys(API_ENV_SCHEMA.shape)) expect(stdout).toMatch(new RegExp(`\\n {2}${name} +\\S`));
    expect(stdout).toContain('default: 8000; allowed: a whole number from 1 to 65535');
    expect(stdout).toContain('default: info; allowed: trace | debug | info | warn | error | silent');
    expect(stdout).toContain('default: required; allowed: file:///');
    expect(stdout).not.toContain('(undocumented)');
  });
});

describe('usage mistakes name the fix', () => {
  it.each([
    ['synth', ['--confg', 'x.yaml'], /unknown option --confg \(did you mean --config\?\)/],
    ['synth', ['--config'], /option --config takes a value <file>/],
    ['synth', ['stray'], /unexpected argument "stray"; this command takes only options/],
    ['bench:synth', ['x'], /\[runs\] "x" must be a whole number >= 1/],
    ['bench:api', ['--duration', '0'], /--duration "0" must be a whole number >= 1/],
  ] as const)('pnpm %s %j', async (script, args, message) => {
    const { code, stderr } = await runScript(script, args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('pnpm start -- --help (pnpm answers pnpm start --help itself) reaches the demo', async () => {
    const { code, stdout } = await runScript('start', ['--', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: pnpm start/);
  });
});
