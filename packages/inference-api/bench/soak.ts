/**
 * pnpm soak [--duration S] [--publish-every S] [--connections N]: the API (a real child process, file store,
 * polling LATEST every second) under /predict and /predict/batch load while good and broken versions are
 * published in turn; prints tensor count, RSS (start, end, steady-state slope), shed and failed requests, and
 * /health latency on the probe port (the probe listener thread, PROBE_PORT) next to the main port's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { loadPlatformConfig } from '@mlops/infra-charts';
import { FileStore, readLatestVersion } from '@mlops/shared';
import { FAULTS, type Fault, publishCopy } from '@mlops/shared/testing/faults';
import autocannon from 'autocannon';
import { CONTAINER_HEAP_FLAGS } from './container-heap.js';

const HELP = `pnpm soak [options]: soak the inference API while good and broken model versions are published in turn.

  --duration S        seconds of load (default 120)
  --publish-every S   seconds between publishes, alternating good and broken (default 5)
  --connections N     concurrent /predict connections (default 16; plus 2 sending 64-text batches)
  -h, --help          this text

Prints, at the end: live TF.js tensors and bytes (start, end), the API's RSS (start, max, end, and the slope
of a linear fit over the second half of the run), requests served, shed (429) and failed (anything else),
versions rejected and served, and /health latency under load on the probe port (PROBE_PORT, what kubelet
probes) and on the main port.`;

const PKG = resolve(import.meta.dirname, '..');
const REPO = resolve(PKG, '../..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '120' },
    'publish-every': { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const numberArg = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) {
    console.error(`soak: --${name} ${JSON.stringify(value)} must be a number >= ${min}; see --help`);
    process.exit(2);
  }
  return n;
};
const DURATION = numberArg('duration', values.duration, 5);
const PUBLISH_EVERY = numberArg('publish-every', values['publish-every'], 1);
const CONNECTIONS = numberArg('connections', values.connections, 1);
const PORT = 8095;
const PROBE_PORT = PORT + 1;
const URL = `http://127.0.0.1:${PORT}`;
const PROBE_URL = `http://127.0.0.1:${PROBE_PORT}`;

const run = (args: string[], cwd: string) =>
  new Promise<void>((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      code === 0 ? ok() : fail(new Error(`${args.join(' ')} exited ${code}`));
    });
  });

/** The process's resident set size from /proc, in MB. */
const readRssMb = (api: ChildProcess) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${api.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Least-squares slope of (seconds, MB) points, in MB per minute. */
function slopePerMinute(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 60;
}

/**
 * Probes both ports every 100 ms from a thread of its own, so that the load generator's work on this process's
 * main loop does not add to the latencies measured; resolves with [probe port ms, main port ms] lists (NaN: failed).
 */
function probeBothPorts(urls: readonly [string, string], durationMs: number): Promise<[number[], number[]]> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const timed = async (url) => {
      const t = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(10000) });
        await res.text();
        return res.ok ? performance.now() - t : NaN;
      } catch { return NaN; }
    };
    (async () => {
      const out = [[], []];
      const until = Date.now() + workerData.durationMs;
      while (Date.now() < until) {
        const [p, m] = await Promise.all(workerData.urls.map(timed));
        out[0].push(p); out[1].push(m);
        await new Promise((r) => setTimeout(r, 100));
      }
      parentPort.postMessage(out);
    })();`;
  const worker = new Worker(source, { eval: true, workerData: { urls, durationMs } });
  return new Promise((resolve, reject) => {
    worker.once('message', (out: [number[], number[]]) => {
      void worker.terminate();
      resolve(out);
    });
    worker.once('error', reject);
  });
}

/** p50/p99/max of a latency list, failures (NaN) counted apart. */
function describeLatency(values: readonly number[]): string {
  const ok = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const pct = (p: number) => (ok[Math.min(ok.length - 1, Math.floor(ok.length * p))] ?? 0).toFixed(1);
  return `n=${values.length}  p50 ${pct(0.5)} ms  p99 ${pct(0.99)} ms  max ${pct(1)} ms  failed ${values.length - ok.length}`;
}

async function sample(api: ChildProcess) {
  const metrics = await (await fetch(`${URL}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  const value = (name: string) =>
    [...metrics.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+-]+)$`, 'gm'))].reduce(
      (s, m) => s + Number(m[1]),
      0,
    );
  const rssMb = readRssMb(api);
  return {
    tensors: value('mlops_tfjs_tensors'),
    bytes: value('mlops_tfjs_bytes'),
    rssMb,
    shed: value('mlops_http_requests_shed_total'),
    rejections: value('mlops_model_rejections_total'),
    version: /mlops_model_info\{[^}]*version="([^"]+)"/.exec(metrics)?.[1],
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'soak-'));
  const store = new FileStore(dir);
  console.log(`soak: training a model into ${store.location} ...`);
  await run(['src/cli/train-cli.ts', '--epochs', '2', '--out', `file://${dir}`], join(REPO, 'packages/model-trainer'));
  const base = await readLatestVersion(store, 'sentiment');
  // The heap Node gives itself in the kind profile's container, as in bench:api (bench/container-heap.ts).
  const limit = loadPlatformConfig(join(REPO, 'platform.config.yaml')).profiles.kind?.tenantDefaults.resources.limits;
  const nodeOptions = CONTAINER_HEAP_FLAGS;
  console.log(`soak: api NODE_OPTIONS="${nodeOptions}" (the heap of the kind profile's ${limit?.memory} container)`);
  const api = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PKG,
    env: {
      ...process.env,
      MODEL_URI: `file://${dir}/sentiment`,
      PORT: String(PORT),
      PROBE_PORT: String(PROBE_PORT),
      MODEL_POLL_INTERVAL: '1',
      LOG_LEVEL: 'error',
      NODE_OPTIONS: nodeOptions,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (
      await fetch(`${URL}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error('the API did not become ready in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const start = await sample(api);
  console.log(`soak: ${DURATION} s, c=${CONNECTIONS} + 2 batch connections, a publish every ${PUBLISH_EVERY} s`);

  const faults = Object.keys(FAULTS) as Fault[];
  const until = Date.now() + DURATION * 1000;
  let published = 0;
  let peakRss = start.rssMb;
  const tensorCounts = new Set<number>();
  const publisher = (async () => {
    while (Date.now() < until - PUBLISH_EVERY * 1000) {
      await new Promise((r) => setTimeout(r, PUBLISH_EVERY * 1000));
      const fault = published % 2 === 1 ? faults[Math.floor(published / 2) % faults.length] : undefined;
      const version = await publishCopy(store, 'sentiment', base, fault ? { fault } : {});
      published++;
      await new Promise((r) => setTimeout(r, 2500)); // a poll later, and in-flight work on the old version done
      const now = await sample(api);
      peakRss = Math.max(peakRss, now.rssMb);
      tensorCounts.add(now.tensors);
      console.log(
        `soak: ${fault ? `broken (${fault})` : 'good'} ${version}; serving ${now.version}, tensors ${now.tensors}, RSS ${now.rssMb.toFixed(0)} MB, shed ${now.shed}`,
      );
    }
  })();
  // Both ports at the same moment of load.
  const prober = probeBothPorts([`${PROBE_URL}/health`, `${URL}/health`], DURATION * 1000);
  const soakStart = Date.now();
  const rss: [number, number][] = [];
  const rssSampler = (async () => {
    while (Date.now() < until) {
      rss.push([(Date.now() - soakStart) / 1000, readRssMb(api)]);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const texts = ['A wonderful, moving film.', 'The plot was dull.', 'It was not good at all.', 'A delight.'];
  const batch = JSON.stringify({ texts: Array.from({ length: 64 }, (_, i) => `${texts[i % 4]} `.repeat(60)) });
  let k = 0;
  const load = (path: string, connections: number, body: () => string) =>
    autocannon({
      url: `${URL}${path}`,
      connections,
      duration: DURATION,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
    });
  const [single, batches, , [probePort, mainPort]] = await Promise.all([
    load('/predict', CONNECTIONS, () => JSON.stringify({ text: texts[k++ % texts.length] })),
    load('/predict/batch', 2, () => batch),
    publisher,
    prober,
    rssSampler,
  ]);
  const end = await sample(api);
  api.kill('SIGTERM');
  const count = (r: autocannon.Result, code: string) =>
    Number((r.statusCodeStats as Record<string, { count: number }>)[code]?.count ?? 0);
  const served = count(single, '200') + count(batches, '200');
  const shed429 = count(single, '429') + count(batches, '429');
  const failed = single.errors + batches.errors + single.non2xx + batches.non2xx - shed429;
  const steady = rss.filter(([t]) => t >= DURATION / 2);
  for (const [, mb] of rss) peakRss = Math.max(peakRss, mb);
  console.log(`\nsoak result (${DURATION} s, ${published} publishes, node ${process.version}):`);
  console.log(
    `  tfjs tensors   start ${start.tensors}  end ${end.tensors}  after each publish {${[...tensorCounts].join(', ')}}`,
  );
  console.log(`  tfjs bytes     start ${start.bytes}  end ${end.bytes}`);
  console.log(
    `  api RSS        start ${start.rssMb.toFixed(0)} MB  max ${peakRss.toFixed(0)} MB  end ${end.rssMb.toFixed(0)} MB  steady-state slope ${slopePerMinute(steady).toFixed(1)} MB/min (fit over the last ${DURATION / 2} s, ${steady.length} samples)`,
  );
  console.log(`  requests       served ${served}  shed (429) ${shed429} (metric ${end.shed})  failed ${failed}`);
  console.log(`  versions       rejected ${end.rejections - start.rejections}  serving ${end.version}`);
  console.log(`  /health probe  ${describeLatency(probePort)}  (PROBE_PORT ${PROBE_PORT}: what kubelet probes)`);
  console.log(`  /health main   ${describeLatency(mainPort)}  (PORT ${PORT}, behind the scoring on the main loop)`);
  const probeFailures = probePort.filter((v) => Number.isNaN(v)).length;
  if (failed > 0 || end.tensors !== start.tensors || probeFailures > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`soak: ${(error as Error).message}`);
  process.exit(1);
});
