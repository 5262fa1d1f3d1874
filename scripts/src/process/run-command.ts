import { execa } from 'execa';

/** How an external command failed, as execa reports it: callers decide on these fields, never on message text. */
export interface CommandFailure {
  /** The command line, for messages. */
  readonly command: string;
  /** Its exit code. @default - none: it did not exit by itself (not found, timed out, killed by a signal) */
  readonly exitCode?: number;
  /** The signal that ended it (`SIGTERM` when killed on timeout). @default - none */
  readonly signal?: string;
  /** It ran past its timeout and was killed. @default false */
  readonly timedOut?: boolean;
  /** The program is not installed or not on PATH (ENOENT). @default false */
  readonly notFound?: boolean;
  /** Everything it wrote to stderr. @default "" */
  readonly stderr?: string;
}

/** A failed external command: what ran, how it ended (exit code, signal, timeout), and what it printed on stderr. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  readonly command: string;
  readonly exitCode: number | undefined;
  readonly signal: string | undefined;
  readonly timedOut: boolean;
  readonly notFound: boolean;
  readonly stderr: string;
  constructor(failure: CommandFailure, reason: string, options?: { cause?: unknown }) {
    const stderr = failure.stderr ?? '';
    const stderrTail = tail(stderr);
    super(`${failure.command} ${reason}${stderrTail ? `\n--- last lines of stderr ---\n${stderrTail}` : ''}`, options);
    this.command = failure.command;
    this.exitCode = failure.exitCode;
    this.signal = failure.signal;
    this.timedOut = failure.timedOut ?? false;
    this.notFound = failure.notFound ?? false;
    this.stderr = stderr;
  }

  /** The last lines of stderr, as the message shows them. */
  get stderrTail(): string {
    return tail(this.stderr);
  }
}

/** Options of {@link runCommand}. */
export interface RunOptions {
  /** Kill the command after this long. */
  readonly timeoutMs: number;
  /** Text for the command's standard input. @default - none */
  readonly input?: string;
  /** @default - the current environment */
  readonly env?: Record<string, string | undefined>;
  /** @default - the current directory */
  readonly cwd?: string;
  /** Exit codes that are answers, not failures (`kubectl auth can-i` exits 1 for "no"). @default [0] */
  readonly allowExitCodes?: readonly number[];
}

/** Result of a command that exited 0. */
export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

const tail = (text: string, lines = 15) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** Runs a program with an argument array (never a shell string) and a timeout; failures become a CommandError. */
export async function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const command = [file, ...args].join(' ');
  try {
    const result = await execa(file, [...args], {
      timeout: options.timeoutMs,
      ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
      ...(options.env ? { env: options.env, extendEnv: true } : {}),
      ...(options.cwd ? { cwd: options.cwd } : {}),
      reject: false,
      stripFinalNewline: true,
    });
    if (result.failed && !(result.exitCode !== undefined && (options.allowExitCodes ?? []).includes(result.exitCode)))
      throw result;
    return { stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode ?? 0 };
  } catch (error) {
    const e = error as { timedOut?: boolean; exitCode?: number; signal?: string; stderr?: unknown; code?: string };
    const facts = {
      command,
      ...(e.signal ? { signal: e.signal } : {}),
      stderr: typeof e.stderr === 'string' ? e.stderr : String(e.stderr ?? ''),
    };
    if (e.code === 'ENOENT')
      throw new CommandError({ command, notFound: true }, `failed: ${file} is not installed or not on PATH`, {
        cause: error,
      });
    if (e.timedOut)
      throw new CommandError({ ...facts, timedOut: true }, `timed out after ${options.timeoutMs} ms`, { cause: error });
    if (e.exitCode === undefined)
      throw new CommandError(facts, `was killed${e.signal ? ` by ${e.signal}` : ''}`, { cause: error });
    throw new CommandError({ ...facts, exitCode: e.exitCode }, `exited with code ${e.exitCode}`, { cause: error });
  }
}

/** True when the command exits 0; for probes such as `kubectl get secret x`. */
export async function succeeds(file: string, args: readonly string[], timeoutMs: number): Promise<boolean> {
  try {
    await runCommand(file, args, { timeoutMs });
    return true;
  } catch (error) {
    if (error instanceof CommandError && error.exitCode !== undefined) return false;
    throw error;
  }
}
