import { parseArgs } from 'node:util';
import { findClosestMatch } from './closest-match.js';

/** One command-line option: node:util parseArgs settings plus what --help says about it. */
export interface CliOption {
  readonly type: 'string' | 'boolean';
  /** One-letter alias. @default none */
  readonly short?: string;
  /** May be given several times (an array). @default false */
  readonly multiple?: boolean;
  /** Value when absent. @default undefined */
  readonly default?: string | boolean | string[] | boolean[];
  readonly description: string;
  /** Placeholder shown after a string option in --help. @default "<value>" */
  readonly placeholder?: string;
  /** The default as --help shows it, when it is not the parseArgs `default` (e.g. computed later). @default the parseArgs default */
  readonly defaultText?: string;
}

/** A command's arguments and help text; `-h/--help` is added to every command. */
export interface CliSpec<O extends Readonly<Record<string, CliOption>>> {
  /** How the user types it, e.g. "pnpm synth". */
  readonly command: string;
  /** The part of the usage line after the command, e.g. "[--config <file>] [--out <dir>]". */
  readonly usage: string;
  readonly summary: string;
  readonly options: O;
  /** Positional arguments, as they appear in --help. @default none allowed */
  readonly positionals?: readonly { readonly name: string; readonly description: string }[];
  readonly examples: readonly string[];
  /** Extra sections after the options (environment variables, notes). @default none */
  readonly sections?: readonly { readonly title: string; readonly body: string }[];
}

/** A usage mistake: printed with the valid options, exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  readonly exitCode = 2;
}

type WithHelp<O> = O & { readonly help: { readonly type: 'boolean'; readonly short: 'h' } };
type Parsed<O extends Readonly<Record<string, CliOption>>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: WithHelp<O>; strict: true; allowPositionals: true }>
>;

/** The --help text: usage, summary, options with defaults, extra sections, examples. */
export function formatHelp<O extends Readonly<Record<string, CliOption>>>(spec: CliSpec<O>): string {
  const rows: [string, string][] = Object.entries(spec.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.placeholder ?? '<value>'}` : ''}`;
    const shownDefault = o.defaultText ?? (o.default === undefined ? undefined : String(o.default));
    const notes = [o.multiple ? 'repeatable' : '', shownDefault === undefined ? '' : `default: ${shownDefault}`];
    const note = notes.filter(Boolean).join('; ');
    return [flag, `${o.description}${note ? `${o.description.includes('\n') ? '\n' : ' '}(${note})` : ''}`];
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  const lines = [`Usage: ${spec.command} ${spec.usage}`.trimEnd(), '', spec.summary, ''];
  if (spec.positionals?.length) {
    lines.push('Arguments:');
    const w = Math.max(...spec.positionals.map((p) => p.name.length)) + 2;
    for (const p of spec.positionals) lines.push(`  ${p.name.padEnd(w)}${p.description}`);
    lines.push('');
  }
  lines.push('Options:');
  for (const [flag, text] of rows)
    lines.push(`  ${flag.padEnd(width)}${text.replace(/\n/g, `\n  ${' '.repeat(width)}`)}`);
  for (const s of spec.sections ?? []) lines.push('', `${s.title}:`, s.body);
  lines.push('', spec.examples.length === 1 ? 'Example:' : 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

function validOptions(spec: CliSpec<Readonly<Record<string, CliOption>>>): string {
  return [...Object.keys(spec.options).map((n) => `--${n}`), '-h/--help'].join(', ');
}

function toUsageError(spec: CliSpec<Readonly<Record<string, CliOption>>>, error: unknown): CliUsageError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const hint = `Run "${spec.command} --help" for usage.`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const guess = findClosestMatch(quoted.replace(/^-+/, ''), Object.keys(spec.options));
    return new CliUsageError(
      `${spec.command}: unknown option ${quoted}${guess ? ` (did you mean --${guess}?)` : ''}; valid options: ${validOptions(spec)}. ${hint}`,
      { cause: error },
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--?[\w-]+/.exec(message)?.[0] ?? quoted;
    const option = spec.options[name.replace(/^-+/, '')];
    const wants = option?.type === 'string' ? `a value ${option.placeholder ?? '<value>'}` : 'no value';
    return new CliUsageError(`${spec.command}: option ${name} takes ${wants}. ${hint}`, { cause: error });
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const takes = spec.positionals?.length
      ? `this command takes ${spec.positionals.map((p) => p.name).join(' ')} and the options ${validOptions(spec)}`
      : `this command takes only options: ${validOptions(spec)}`;
    return new CliUsageError(`${spec.command}: unexpected argument ${JSON.stringify(quoted)}; ${takes}. ${hint}`, {
      cause: error,
    });
  }
  return new CliUsageError(`${spec.command}: ${message}. ${hint}`, { cause: error });
}

/**
 * Parses argv strictly (unknown options refused with the valid ones); returns undefined when --help was asked.
 * A leading "--" is dropped: `pnpm start -- --help` passes it through.
 */
export function parseCli<O extends Readonly<Record<string, CliOption>>>(
  spec: CliSpec<O>,
  argv: readonly string[],
): Parsed<O> | undefined {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const options = {
    ...Object.fromEntries(
      Object.entries(spec.options).map(([name, o]) => [
        name,
        {
          type: o.type,
          ...(o.short ? { short: o.short } : {}),
          ...(o.multiple ? { multiple: o.multiple } : {}),
          ...(o.default === undefined ? {} : { default: o.default }),
        },
      ]),
    ),
    help: { type: 'boolean', short: 'h' },
  } as WithHelp<O>;
  // --help wins over every other mistake on the line.
  if (args.some((a) => a === '--help' || a === '-h')) return undefined;
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw toUsageError(spec, error);
  }
  const most = spec.positionals?.length ?? 0;
  const extra = parsed.positionals[most];
  if (extra !== undefined)
    throw toUsageError(spec, Object.assign(new Error(`'${extra}'`), { code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' }));
  return parsed;
}

/** For entry points: parseCli, printing --help (exit 0) or the usage error (exit 2) and exiting. */
export function parseCliOrExit<O extends Readonly<Record<string, CliOption>>>(
  spec: CliSpec<O>,
  argv: readonly string[],
): Parsed<O> {
  try {
    const parsed = parseCli(spec, argv);
    if (parsed) return parsed;
    process.stdout.write(`${formatHelp(spec)}\n`);
    process.exit(0);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
