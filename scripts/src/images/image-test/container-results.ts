import { runCommand } from '../../process/run-command.js';

const MINUTE = 60_000;

/** The version the trainer printed as published. */
export async function publishedVersion(container: string): Promise<string | undefined> {
  const { stdout, stderr } = await runCommand('docker', ['logs', container], { timeoutMs: MINUTE });
  return /published (v[\w-]+)/.exec(`${stdout}\n${stderr}`)?.[1];
}

/** `docker diff` lists every change to the container's own filesystem; /tmp (a tmpfs) is not part of it. */
export async function nothingWritten(container: string): Promise<[boolean, string]> {
  const { stdout } = await runCommand('docker', ['diff', container], { timeoutMs: MINUTE });
  return stdout.trim() === ''
    ? [true, 'docker diff is empty']
    : [false, `docker diff: ${stdout.trim().split('\n').slice(0, 5).join(', ')}`];
}

const UNITS: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, kB: 1e3, MB: 1e6, GB: 1e9 };

/** Parses `docker stats` memory like "180.5MiB / 384MiB" into bytes used and the limit. */
export function parseMemUsage(text: string): { used: number; limit: number } | undefined {
  const match = /^([\d.]+)\s*([A-Za-z]+)\s*\/\s*([\d.]+)\s*([A-Za-z]+)$/.exec(text.trim());
  const [, used, usedUnit = '', limit, limitUnit = ''] = match ?? [];
  const a = UNITS[usedUnit];
  const b = UNITS[limitUnit];
  return a && b ? { used: Number(used) * a, limit: Number(limit) * b } : undefined;
}

/** The container's memory (cgroup usage) and its limit, from `docker stats`. */
export async function memoryUsage(container: string): Promise<{ used: number; limit: number } | undefined> {
  const { stdout } = await runCommand('docker', ['stats', '--no-stream', '--format', '{{.MemUsage}}', container], {
    timeoutMs: MINUTE,
  });
  return parseMemUsage(stdout);
}
