import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs the demo as `pnpm start` does (in the scripts folder); resolves on exit, or lets the test drive it. */
function startDemo(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/demo-cli.ts', ...args], {
    cwd: PKG,
    env: { ...process.env, INIT_CWD: PKG },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const output = () => ({ stdout, stderr });
  const waitFor = async (pattern: RegExp, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(stdout)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`no ${pattern} in:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, exited, output, waitFor };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('pnpm start (real process)', () => {
  // A failed assertion must not leave the demo (and its API) running: every started child is killed afterwards.
  const started: ReturnType<typeof startDemo>[] = [];
  afterEach(async () => {
    for (const demo of started.splice(0))
      if (demo.child.exitCode === null && demo.child.signalCode === null) {
        demo.child.kill('SIGKILL');
        await demo.exited;
      }
  });

  it('prints the model served and the address it really listens on, answers, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const demo = startDemo(['--port', String(port)]);
    started.push(demo);
    await demo.waitFor(/serving tenant "local" on 127\.0\.0\.1:\d+/);
    expect(demo.output().stdout).toContain(`on 127.0.0.1:${port};`);
    expect(demo.output().stdout).toMatch(/demo: model sentiment v\S+ \(.+\), trained on \d+ rows of /);
    expect(demo.output().stdout).toContain('pnpm train --data ../shared/data/sst2/train.tsv');
    const res = await fetch(`http://127.0.0.1:${port}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'I hate it' }),
    });
    expect(((await res.json()) as { prediction: string }).prediction).toBe('negative');
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
    expect(demo.output().stderr).toBe('');
  });

  it('on a busy port: says so and suggests --port, exit 1, no stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const { port } = busy.address() as AddressInfo;
    try {
      const demo = startDemo(['--port', String(port)]);
      started.push(demo);
      expect(await demo.exited).toBe(1);
      expect(demo.output().stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(demo.output().stderr).toContain(`--port ${port + 1}`);
      expect(demo.output().stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });
});
