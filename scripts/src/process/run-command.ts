import { execa } from 'execa';

/** A failed external command: what ran, how it ended, and the end of what it printed. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly command: string,
    readonly exitCode: number | undefined,
    readonly stderrTail: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${command} ${reason}${stderrTail ? `\n--- last lines of stderr ---\n${stderrTail}` : ''}`, options);
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
    const e = error as { timedOut?: boolean; exitCode?: number; stderr?: unknown; code?: string };
    const stderr = tail(String(e.stderr ?? ''));
    if (e.code === 'ENOENT')
      throw new CommandError(command, undefined, '', `failed: ${file} is not installed or not on PATH`, {
        cause: error,
      });
    if (e.timedOut)
      throw new CommandError(command, undefined, stderr, `timed out after ${options.timeoutMs} ms`, { cause: error });
    throw new CommandError(command, e.exitCode, stderr, `exited with code ${e.exitCode}`, { cause: error });
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
