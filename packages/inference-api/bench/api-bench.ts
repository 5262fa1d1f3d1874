/**
 * pnpm bench:api [--duration S] [--soak N] [--rounds N] [--pin on|off] — autocannon against real processes on
 * loopback (with --pin on, the servers on CPU 1 and autocannon on CPU 0, as a pod's clients run elsewhere):
 *   1. the ceilings of this machine: a raw node:http JSON handler and a trivial Express 5 JSON handler,
 *   2. the inference API: POST /predict at concurrency 1 and 32 with micro-batching (at 32 alternated with the
 *      Express handler, --rounds times, for the share of the ceiling), and at 32 without it,
 *   3. a soak of N requests (default 1,000,000), then the API's RSS and TF.js tensor count.
 * The payload mix is SST-2 dev sentences when ../shared/data/sst2 exists, else the bundled sample.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlatformConfig } from '@mlops/infra-charts';
import { type CliOption, type CliSpec, parseCliOrExit } from '@mlops/shared';
import autocannon from 'autocannon';
import { CONTAINER_HEAP_FLAGS } from './container-heap.js';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(PKG, '../..');
const API_BENCH_CLI = {
  command: 'pnpm bench:api',
  usage: '[--duration S] [--soak N] [--rounds N] [--pin on|off]',
  summary: `autocannon against real processes on loopback, printing the figures:
  1. the ceilings of this machine: a raw node:http JSON handler and a trivial Express 5 JSON handler,
  2. the inference API: POST /predict at concurrency 1 and 32 with micro-batching (at 32 alternated with the
     Express handler, N rounds: the share of the ceiling), and at 32 without it,
  3. a soak of N requests, then the API's RSS and TF.js tensor count.
The payload mix is SST-2 dev sentences when ../shared/data/sst2 exists, else the bundled sample.`,
  options: {
    duration: { type: 'string', placeholder: 'S', default: '10', description: 'seconds per measured run' },
    soak: { type: 'string', placeholder: 'N', default: '1000000', description: 'requests in the soak (0: no soak)' },
    pin: {
      type: 'string',
      placeholder: 'on|off',
      default: 'off',
      description: 'on: servers on CPU 1, autocannon on CPU 0 (taskset), so that client and server never share a core',
    },
    rounds: {
      type: 'string',
      placeholder: 'N',
      default: '3',
      description: 'alternated ceiling / POST /predict runs for the share',
    },
  },
  examples: ['pnpm bench:api', 'pnpm bench:api --duration 5 --soak 0 --rounds 5'],
} as const satisfies CliSpec<Record<string, CliOption>>;
const { values } = parseCliOrExit(API_BENCH_CLI, process.argv.slice(2));
const DURATION = Number(values.duration);
const SOAK = Number(values.soak);
const ROUNDS = Number(values.rounds);
if (values.pin !== 'on' && values.pin !== 'off') {
  console.error(`bench:api: --pin ${JSON.stringify(values.pin)} must be on or off`);
  process.exit(2);
}
const PIN = values.pin === 'on';
if (PIN && availableParallelism() < 2) {
  console.error(`bench:api: --pin on needs 2 CPUs (this machine has ${availableParallelism()}); pass --pin off`);
  process.exit(2);
}
for (const [name, n, min] of [
  ['duration', DURATION, 1],
  ['soak', SOAK, 0],
  ['rounds', ROUNDS, 1],
] as const)
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench:api: --${name} ${JSON.stringify(values[name])} must be a whole number >= ${min}`);
    process.exit(2);
  }

function sentences(): string[] {
  const sst2 = join(REPO, '../shared/data/sst2/dev.tsv');
  const file = existsSync(sst2) ? sst2 : join(REPO, 'packages/model-trainer/data/sample.tsv');
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.slice(0, l.lastIndexOf('\t')));
}

/** Pins this process (autocannon runs on its main thread) to CPU 0; the servers go to CPU 1 (`start`). */
function pinSelf(): void {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore', timeout: 10_000 });
  } catch (error) {
    throw new Error(
      `taskset could not pin the bench to CPU 0 (${(error as Error).message}); install util-linux or pass --pin off`,
      { cause: error },
    );
  }
}

function start(args: string[], env: Record<string, string>, cwd = PKG): ChildProcess {
  // node --import tsx directly (not npx), so that kill() reaches the server process itself (taskset execs it).
  const node = [process.execPath, '--import', 'tsx', ...args];
  const [command, ...rest] = PIN ? ['taskset', '-c', '1', ...node] : node;
  return spawn(command as string, rest, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

async function load(
  label: string,
  url: string,
  connections: number,
  bodies: string[],
  opts: { duration?: number; amount?: number } = {},
) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? DURATION }),
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] as string }) }],
  });
  const line = `${label.padEnd(44)} c=${String(connections).padStart(2)}  ${Math.round(result.requests.average).toLocaleString('en-US').padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${result.errors}  non-2xx ${result.non2xx}`;
  console.log(line);
  return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Issue #21's share: /predict at c=32 against the trivial Express handler, alternated ROUNDS times (both warm, one
 * loaded at a time) so that the machine's drift during a run lands on both sides; prints each round and the median.
 */
async function compareWithCeiling(label: string, url: string, ceilingUrl: string, bodies: string[]): Promise<void> {
  const shares: number[] = [];
  const p99s: Array<[number, number]> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const express = await load(`trivial Express 5 JSON handler (ceiling) ${round}/${ROUNDS}`, ceilingUrl, 32, bodies);
    const predict = await load(`${label} ${round}/${ROUNDS}`, url, 32, bodies);
    shares.push((predict.requests.average / express.requests.average) * 100);
    p99s.push([predict.latency.p99, express.latency.p99]);
  }
  console.log(
    `/predict at c=32 is ${median(shares).toFixed(0)} % of the Express ceiling (median of ${ROUNDS} alternated rounds, ${Math.min(...shares).toFixed(0)}–${Math.max(...shares).toFixed(0)} %), p99 ${median(p99s.map((p) => p[0]))} ms against the ceiling's own ${median(p99s.map((p) => p[1]))} ms (target: >= 70 %, p99 <= 10 ms)`,
  );
}

async function main(): Promise<void> {
  const texts = sentences();
  const predictBodies = texts.map((text) => JSON.stringify({ text }));
  if (PIN) pinSelf();
  console.log(
    `api benchmark: ${texts.length} distinct sentences, ${DURATION} s per run, node ${process.version}, ${PIN ? 'servers on CPU 1, autocannon on CPU 0' : 'servers and autocannon unpinned'}`,
  );
  const store = mkdtempSync(join(tmpdir(), 'api-bench-'));
  await new Promise<void>((ok, fail) =>
    spawn(process.execPath, ['--import', 'tsx', 'src/cli/train-cli.ts', '--epochs', '3', '--out', `file://${store}`], {
      cwd: join(REPO, 'packages/model-trainer'),
      stdio: 'ignore',
    }).on('exit', (code) => (code === 0 ? ok() : fail(new Error(`training failed (${code})`)))),
  );
  const raw = start(['bench/raw-http-server.ts'], { PORT: '8090' });
  await waitReady('http://127.0.0.1:8090/health');
  await load('raw node:http JSON handler (no framework)', 'http://127.0.0.1:8090/echo', 32, predictBodies);
  raw.kill('SIGTERM');
  const ceiling = start(['bench/trivial-server.ts'], { PORT: '8091' });
  await waitReady('http://127.0.0.1:8091/health');
  const ceilingUrl = 'http://127.0.0.1:8091/echo';
  await load('trivial Express 5 JSON handler (warm-up)', ceilingUrl, 32, predictBodies, { duration: 3 });

  // The API runs with the heap Node gives itself in the kind profile's container (bench/container-heap.ts).
  const limit = loadPlatformConfig(join(REPO, 'platform.config.yaml')).profiles.kind?.tenantDefaults.resources.limits;
  const nodeOptions = CONTAINER_HEAP_FLAGS;
  console.log(`api: NODE_OPTIONS="${nodeOptions}" (the heap of the kind profile's ${limit?.memory} container)`);
  const env = {
    MODEL_URI: `file://${store}/sentiment`,
    LOG_LEVEL: 'warn',
    MODEL_POLL_INTERVAL: '0',
    NODE_OPTIONS: nodeOptions,
  };
  for (const [label, port, extra] of [
    ['POST /predict, micro-batching on', '8092', {}],
    ['POST /predict, micro-batching off', '8093', { MICRO_BATCH_MAX_SIZE: '1' }],
  ] as const) {
    const api = start(['src/server.ts'], { ...env, ...extra, PORT: port });
    await waitReady(`http://127.0.0.1:${port}/ready`);
    await load(`${label} (warm-up)`, `http://127.0.0.1:${port}/predict`, 32, predictBodies, { duration: 3 });
    if (port === '8092') {
      await load(label, `http://127.0.0.1:${port}/predict`, 1, predictBodies);
      await compareWithCeiling(label, `http://127.0.0.1:${port}/predict`, ceilingUrl, predictBodies);
      ceiling.kill('SIGTERM');
    } else await load(label, `http://127.0.0.1:${port}/predict`, 32, predictBodies);
    if (port === '8092' && SOAK > 0) {
      const started = performance.now();
      await load(
        `soak: ${SOAK.toLocaleString('en-US')} requests`,
        `http://127.0.0.1:${port}/predict`,
        32,
        predictBodies,
        { amount: SOAK },
      );
      const status = readFileSync(`/proc/${api.pid}/status`, 'utf8');
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      const tensors = /^mlops_tfjs_tensors\{[^}]*\} (\d+)/m.exec(metrics)?.[1];
      console.log(
        `after soak (${((performance.now() - started) / 1000).toFixed(0)} s): api_rss_mb=${rssMb.toFixed(0)} tfjs_tensors=${tensors}`,
      );
    }
    api.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(`bench:api: ${(error as Error).message}`);
  process.exit(1);
});
