import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { execa } from 'execa';
import { parseLoadtestArgs } from '../../src/loadtest/loadtest-options.js';
import { runLoadtest, sloBreaches, toVerdict } from '../../src/loadtest/run-loadtest.js';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A real HTTP server on loopback that records bodies and can be told to fail. */
async function startTarget(
  status = 200,
): Promise<{ url: string; bodies: string[]; auth: Set<string | undefined>; server: Server }> {
  const bodies: string[] = [];
  const auth = new Set<string | undefined>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      auth.add(req.headers.authorization);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"prediction":"positive"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/predict`, bodies, auth, server };
}

describe('parseLoadtestArgs', () => {
  it('lists every bad option at once', () => {
    expect(() => parseLoadtestArgs(['--url', 'nope', '--connections', '0', '--duration', 'x'])).toThrow(
      /--url "nope" must be an http\(s\) URL.*\n--connections "0" must be a positive whole number\n--duration "x" must be a positive whole number/,
    );
  });
});

describe('runLoadtest (real loopback server)', () => {
  it('cycles through the payloads and reports latency percentiles', async () => {
    const target = await startTarget();
    const result = await runLoadtest(target.url, ['one', 'two'], 4, 1);
    target.server.close();
    expect(result.requests).toBeGreaterThan(10);
    expect(new Set(target.bodies)).toEqual(new Set(['{"text":"one"}', '{"text":"two"}']));
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p50);
    expect(sloBreaches(result, 10_000)).toEqual([]);
    expect(sloBreaches({ ...result, latencyMs: { ...result.latencyMs, p99: 50 } }, 20)).toEqual([
      'p99 50 ms is above the SLO of 20 ms',
    ]);
  });

  it('sends the API key as a Bearer header on every request when given one, none otherwise', async () => {
    const keyed = await startTarget();
    await runLoadtest(keyed.url, ['x'], 2, 1, undefined, undefined, { authorization: 'Bearer mlk_t_test' });
    keyed.server.close();
    expect(keyed.auth).toEqual(new Set(['Bearer mlk_t_test']));
    const plain = await startTarget();
    await runLoadtest(plain.url, ['x'], 2, 1);
    plain.server.close();
    expect(plain.auth).toEqual(new Set([undefined]));
  });

  it('counts non-2xx answers as a breach', async () => {
    const target = await startTarget(503);
    const result = await runLoadtest(target.url, ['x'], 2, 1);
    target.server.close();
    expect(sloBreaches(result)).toEqual([`${result.non2xx} non-2xx responses`]);
  });
});

describe('pnpm loadtest (real process)', () => {
  it('--api-key-stdin sends the piped key as a Bearer header, and refuses an empty stdin', async () => {
    const target = await startTarget();
    const out = mkdtempSync(join(tmpdir(), 'loadtest-'));
    const args = ['--import', 'tsx', 'src/loadtest/loadtest-cli.ts', '--url', target.url, '--connections', '1'];
    const run = (input: string) =>
      execa(process.execPath, [...args, '--duration', '1', '--out', out, '--api-key-stdin'], {
        cwd: PKG,
        input,
        reject: false,
        timeout: 60_000,
      });
    const ok = await run('mlk_tenant-a_piped\n');
    const empty = await run('');
    target.server.close();
    expect(ok.exitCode).toBe(0);
    expect(target.auth).toEqual(new Set(['Bearer mlk_tenant-a_piped']));
    expect(ok.stdout).not.toContain('mlk_');
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain('--api-key-stdin: stdin held no key');
  }, 60_000);

  it('writes JSON and Markdown reports and exits 1 on an SLO breach', async () => {
    const target = await startTarget(500);
    const out = mkdtempSync(join(tmpdir(), 'loadtest-'));
    const error = (await promisify(execFile)(
      'npx',
      [
        'tsx',
        'src/loadtest/loadtest-cli.ts',
        '--url',
        target.url,
        '--connections',
        '2',
        '--duration',
        '1',
        '--out',
        out,
      ],
      { cwd: PKG, timeout: 60_000 },
    ).catch((e: unknown) => e)) as { code: number; stderr: string };
    target.server.close();
    expect(error.code).toBe(1);
    expect(error.stderr).toMatch(/SLO breached: \d+ non-2xx responses/);
    const json = JSON.parse(readFileSync(join(out, 'loadtest.json'), 'utf8'));
    expect(json.non2xx).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'loadtest.md'), 'utf8')).toContain('**SLO breached:**');
  }, 60_000);
});

describe('the verdict', () => {
  const result = {
    url: 'u',
    connections: 1,
    durationSeconds: 1,
    requests: 10,
    requestsPerSecond: 10,
    latencyMs: { p50: 5, p90: 8, p99: 12, max: 20 },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
  };
  it.each<[string, number | undefined, RegExp]>([
    [
      'no SLO given: never "SLO met"',
      undefined,
      /^no errors and no non-2xx responses \(no --slo-p99 given: latency not judged\)$/,
    ],
    ['an SLO given and met', 50, /^SLO met: p99 12 ms <= 50 ms/],
    ['an SLO given and breached', 10, /^SLO breached: p99 12 ms is above the SLO of 10 ms$/],
  ])('%s', (_name, slo, expected) => {
    expect(toVerdict(result, sloBreaches(result, slo), slo)).toMatch(expected);
  });
});

describe('pnpm loadtest progress in a log file (no TTY)', () => {
  it('prints one line per second and no carriage return', async () => {
    const target = await startTarget();
    const out = mkdtempSync(join(tmpdir(), 'loadtest-'));
    const { stdout } = await promisify(execFile)(
      'npx',
      [
        'tsx',
        'src/loadtest/loadtest-cli.ts',
        '--url',
        target.url,
        '--duration',
        '2',
        '--connections',
        '2',
        '--out',
        out,
      ],
      { cwd: PKG, timeout: 60_000 },
    );
    target.server.close();
    expect(stdout).not.toContain('\r');
    expect(stdout).toMatch(/\nloadtest: 1 s, \d+ responses\n/);
    expect(stdout).toContain('no --slo-p99 given: latency not judged');
    expect(stdout).not.toContain('SLO met');
  });
});
