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
