import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseLoadtestArgs } from '../../src/loadtest/loadtest-options.js';
import { runLoadtest, sloBreaches } from '../../src/loadtest/run-loadtest.js';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A real HTTP server on loopback that records bodies and can be told to fail. */
async function startTarget(status = 200): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"prediction":"positive"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/predict`, bodies, server };
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

  it('counts non-2xx answers as a breach', async () => {
    const target = await startTarget(503);
    const result = await runLoadtest(target.url, ['x'], 2, 1);
    target.server.close();
    expect(sloBreaches(result)).toEqual([`${result.non2xx} non-2xx responses`]);
  });
});

describe('pnpm loadtest (real process)', () => {
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
