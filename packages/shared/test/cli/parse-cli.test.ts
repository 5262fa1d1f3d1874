import {
  type CliOption,
  type CliSpec,
  CliUsageError,
  editDistance,
  findClosestMatch,
  formatHelp,
  parseCli,
} from '../../src/index.js';

const SPEC = {
  command: 'pnpm thing',
  usage: '[--out <dir>]',
  summary: 'Does a thing.',
  options: {
    out: { type: 'string', placeholder: '<dir>', default: '.out', description: 'output folder' },
    profile: {
      type: 'string',
      multiple: true,
      placeholder: '<name>',
      description: 'only this profile',
      defaultText: 'all',
    },
    force: { type: 'boolean', description: 'overwrite' },
  },
  examples: ['pnpm thing --out /tmp/x'],
} as const satisfies CliSpec<Record<string, CliOption>>;

describe('parseCli', () => {
  it('parses known options with their defaults', () => {
    expect(parseCli(SPEC, ['--profile', 'a', '--profile', 'b', '--force'])?.values).toEqual({
      out: '.out',
      profile: ['a', 'b'],
      force: true,
    });
  });

  it.each([['--help'], ['-h'], ['--', '--help'], ['--bogus', '--help']])('%j asks for help (undefined)', (...argv) => {
    expect(parseCli(SPEC, argv)).toBeUndefined();
  });

  it.each<[string[], RegExp]>([
    [
      ['--bogus'],
      /^pnpm thing: unknown option --bogus; valid options: --out, --profile, --force, -h\/--help\. Run "pnpm thing --help" for usage\.$/,
    ],
    [['--frce'], /unknown option --frce \(did you mean --force\?\)/],
    [['--out'], /option --out takes a value <dir>/],
    [['extra'], /unexpected argument "extra"; this command takes only options/],
  ])('%j is a usage error (exit code 2)', (argv, message) => {
    let error: unknown;
    try {
      parseCli(SPEC, argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as CliUsageError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });
});

describe('formatHelp', () => {
  it('shows usage, every option with its default, and the examples', () => {
    const help = formatHelp(SPEC);
    expect(help).toMatch(/^Usage: pnpm thing \[--out <dir>\]\n\nDoes a thing\.\n\nOptions:\n/);
    expect(help).toMatch(/ {2}--out <dir> +output folder \(default: \.out\)\n/);
    expect(help).toMatch(/ {2}--profile <name> +only this profile \(repeatable; default: all\)\n/);
    expect(help).toMatch(/ {2}-h, --help +show this help\n\nExample:\n {2}pnpm thing --out \/tmp\/x$/);
  });
});

describe('findClosestMatch', () => {
  it.each<[string, string[], string | undefined]>([
    ['cpuTargetUtilisation', ['cpuTargetUtilization', 'replicas'], 'cpuTargetUtilization'],
    ['replica', ['name', 'replicas'], 'replicas'],
    ['colour', ['name', 'replicas'], undefined],
  ])('%s among %j -> %s', (input, candidates, expected) => {
    expect(findClosestMatch(input, candidates)).toBe(expected);
  });
  it('counts edits', () => expect(editDistance('kitten', 'sitting')).toBe(3));
});
