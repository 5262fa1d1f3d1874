import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

/** Runs `node [--import tsx] args` in `cwd` to completion (5 min at most); returns its stdout. */
export function run(args: string[], cwd: string, raw = false): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, raw ? args : ['--import', 'tsx', ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      code === 0 ? ok(out) : fail(new Error(`${args.join(' ')} exited ${code}`));
    });
  });
}

/** VmRSS and VmHWM (peak RSS) of a process, in MB. */
export function procStatus(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** CPU time (user + system) a process has used, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A started API process: its readiness timings and how to scrape and stop it. */
export interface StartedApi {
  readonly pid: number;
  readonly url: string;
  /** Wall time from spawn to the first 200 on /ready. */
  readonly readyMs: number;
  /** CPU time used by then. */
  readonly cpuMs: number;
  /** ms after spawn at which the API logged each start-up line (pino `time`). */
  readonly phases: Readonly<Record<string, number>>;
  metrics(): Promise<{ tensors: number; loadSeconds: number }>;
  stop(): Promise<void>;
}

const PHASES: Readonly<Record<string, string>> = {
  'scoring runtime ready': 'modules loaded',
  'TensorFlow.js ready': 'modules loaded',
  listening: 'listening',
  'model loaded': 'model loaded',
};

/** Spawns the API (`node <entry...>`), polls /ready every 5 ms, and returns once it answers 200. */
export async function startApi(entry: string[], env: Record<string, string>, port: number): Promise<StartedApi> {
  const url = `http://127.0.0.1:${port}`;
  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, entry, {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const phases: Record<string, number> = {};
  let pending = '';
  child.stdout.on('data', (d) => {
    const lines = (pending + d).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.startsWith('{'))) {
      const log = JSON.parse(line) as { msg?: string; time?: number };
      const name = PHASES[log.msg ?? ''];
      if (name && log.time) phases[name] ??= log.time - spawnedAt;
    }
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const until = started + 60_000;
  while (performance.now() < until) {
    const ok = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - started;
  if (readyMs >= 60_000) throw new Error(`${url}/ready not 200 after 60 s`);
  const pid = child.pid as number;
  const used = cpuMs(pid);
  // The 'model loaded' line may reach the pipe just after /ready answers.
  for (let waited = 0; phases['model loaded'] === undefined && waited < 1000; waited += 10)
    await new Promise((r) => setTimeout(r, 10));
  return {
    pid,
    url,
    readyMs,
    cpuMs: used,
    phases: { ...phases, ready: readyMs },
    async metrics() {
      const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
      const tensors = Number(/^mlops_tfjs_tensors\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? Number.NaN);
      const loadSeconds = Number(
        /^mlops_model_load_duration_seconds_sum\{[^}]*result="success"[^}]*\} ([\d.e+-]+)/m.exec(text)?.[1] ??
          Number.NaN,
      );
      return { tensors, loadSeconds };
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The size of a local image, from `docker image inspect` (10 s timeout), or why it could not be read. */
export async function imageSize(
  image: { repository: string; tag?: string } | undefined,
): Promise<{ name: string; mb?: number; reason?: string }> {
  const name = `${image?.repository}:${image?.tag}`;
  try {
    const { stdout } = await promisify(execFile)('docker', ['image', 'inspect', '--format', '{{.Size}}', name], {
      timeout: 10_000,
    });
    return { name, mb: Number(stdout.trim()) / 1e6 };
  } catch (error) {
    return { name, reason: (error as Error).message.split('\n')[0] ?? 'docker failed' };
  }
}
