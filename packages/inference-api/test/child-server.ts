import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The real server entry (src/server.ts) as a child process, with its output collected; `cpu` pins it to one CPU
 * with taskset (to share that CPU with a {@link startCpuHog}).
 */
export function startServer(
  env: Record<string, string>,
  options: { readonly cpu?: number } = {},
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const node = [process.execPath, '--import', 'tsx', 'src/server.ts'];
  const [command, ...args] = options.cpu === undefined ? node : ['taskset', '-c', String(options.cpu), ...node];
  const child = spawn(command as string, args, {
    cwd: PKG,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** A busy loop pinned to one CPU: a process sharing that CPU with it gets at most half of it. Kill it after. */
export function startCpuHog(cpu: number): ChildProcess {
  return spawn('taskset', ['-c', String(cpu), process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' });
}

/** Polls `url` until it answers `status`. */
export async function waitFor(url: string, status = 200, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      (await fetch(url).then(
        (r) => r.status,
        () => 0,
      )) === status
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer ${status}`);
}

/**
 * Waits until a started server answers `status` on `url`; fails at once with its output if it exits first, and
 * with its output on timeout, so that a start that fails (a port taken, a crash) says why.
 */
export async function waitForServer(
  server: ReturnType<typeof startServer>,
  url: string,
  status = 200,
  timeoutMs = 30_000,
): Promise<void> {
  const exited = server.exited.then((code) => {
    throw new Error(`the server exited (${code}) before ${url} answered ${status}:\n${server.output().slice(-2000)}`);
  });
  // Handled here too: the server exits later, when the test kills it.
  exited.catch(() => undefined);
  await Promise.race([
    waitFor(url, status, timeoutMs).catch((error: Error) => {
      throw new Error(`${error.message}; its output:\n${server.output().slice(-2000)}`);
    }),
    exited,
  ]);
}

/** A port unlikely to be taken on this machine. */
export const randomPort = () => 20000 + Math.floor(Math.random() * 20000);
