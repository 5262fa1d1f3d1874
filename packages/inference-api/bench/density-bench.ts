/**
 * pnpm bench:density [--requests N] [--starts N] [--model DIR] [--runner bundle|tsx]: the per-replica cost of a
 * tenant on this machine, with the API run as its image runs it (the esbuild bundle of src/server.ts, no V8 flags;
 * the soak with the heap the pod gets, bench/container-heap.ts):
 *   1. where memory goes, phase by phase (bench/memory-phases.ts),
 *   2. start-to-ready: spawn → first 200 on /ready, with the phases the API logs and its CPU time,
 *   3. RSS idle, then after a soak of N requests (peak and end), tensor count, model load time from /metrics,
 *   4. the image size (when a docker engine runs) and replicas per GiB at the profile's memory limit.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPlatformConfig, parseQuantity } from '@mlops/infra-charts';
import { type CliOption, type CliSpec, parseCliOrExit } from '@mlops/shared';
import autocannon from 'autocannon';
import { CONTAINER_HEAP_FLAGS } from './container-heap.js';
import { imageSize, procStatus, run, type StartedApi, startApi } from './density-process.js';

const PKG = resolve(import.meta.dirname, '..');
const REPO = resolve(PKG, '../..');
const DENSITY_CLI = {
  command: 'pnpm bench:density',
  usage: '[--requests N] [--starts N] [--model DIR] [--runner bundle|tsx]',
  summary: 'RSS idle and after a soak, start-to-ready, model load time, image size and replicas per GiB.',
  options: {
    requests: { type: 'string', placeholder: 'N', default: '1000000', description: 'requests in the soak (0: none)' },
    starts: { type: 'string', placeholder: 'N', default: '5', description: 'cold starts to time' },
    model: {
      type: 'string',
      placeholder: 'DIR',
      description: 'a model store folder (default: train one, 262,144 buckets)',
    },
    runner: { type: 'string', placeholder: 'R', default: 'bundle', description: 'bundle (as the image) or tsx' },
  },
  examples: ['pnpm bench:density', 'pnpm bench:density --requests 100000 --starts 3'],
} as const satisfies CliSpec<Record<string, CliOption>>;
const { values } = parseCliOrExit(DENSITY_CLI, process.argv.slice(2));
const REQUESTS = Number(values.requests);
const STARTS = Number(values.starts);
for (const [name, n, min] of [
  ['requests', REQUESTS, 0],
  ['starts', STARTS, 1],
] as const)
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench:density: --${name} ${JSON.stringify(values[name])} must be a whole number >= ${min}`);
    process.exit(2);
  }
if (values.runner !== 'bundle' && values.runner !== 'tsx') {
  console.error(`bench:density: --runner ${JSON.stringify(values.runner)} must be bundle or tsx`);
  process.exit(2);
}

async function modelStore(): Promise<string> {
  if (values.model) return resolve(values.model);
  const store = mkdtempSync(join(tmpdir(), 'density-bench-'));
  await run(
    ['src/cli/train-cli.ts', '--epochs', '3', '--out', `file://${store}`],
    join(REPO, 'packages/model-trainer'),
  );
  return store;
}

async function serverEntry(): Promise<string[]> {
  if (values.runner === 'tsx') return ['--import', 'tsx', join(PKG, 'src/server.ts')];
  const out = join(PKG, 'node_modules/.cache/density-bench');
  mkdirSync(out, { recursive: true });
  const { bundleEntry } = (await import(join(REPO, 'scripts/src/images/bundle-entry.ts'))) as {
    bundleEntry(
      entry: string,
      outfile: string,
      options: { splitting: boolean },
    ): Promise<{ bytes: number; entryBytes: number; externals: readonly string[] }>;
  };
  const bundle = await bundleEntry(join(PKG, 'src/server.ts'), join(out, 'server.mjs'), { splitting: true });
  console.log(
    `bundle: ${(bundle.entryBytes / 1e6).toFixed(2)} MB (+ ${((bundle.bytes - bundle.entryBytes) / 1e6).toFixed(2)} MB in lazy chunks), packages imported at run time: ${bundle.externals.join(', ') || 'none'}`,
  );
  return [join(out, 'server.mjs')];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const profile = loadPlatformConfig(join(REPO, 'platform.config.yaml')).profiles.kind;
  const limits = profile?.tenantDefaults.resources.limits;
  const limitMiB = (parseQuantity(limits?.memory ?? '0') ?? 0) / 2 ** 20;
  console.log(
    `density benchmark: node ${process.version}, kind profile limits ${limits?.memory} / ${limits?.cpu} CPU; starts without V8 flags (as the pod), the soak with NODE_OPTIONS="${CONTAINER_HEAP_FLAGS}" (the pod's heap)`,
  );
  const store = await modelStore();
  const phases = await run(
    ['--expose-gc', '--import', 'tsx', join(PKG, 'bench/memory-phases.ts'), store, 'sentiment', '100000'],
    PKG,
    true,
  );
  console.log('memory by phase (MB, after a full GC; tsx loader included):');
  for (const line of phases.split('\n').filter((l) => l.startsWith('{'))) {
    const p = JSON.parse(line) as Record<string, string | number>;
    console.log(
      `  ${String(p.phase).padEnd(78)} rss ${p.rss}  heapUsed ${p.heapUsed}  external ${p.external}  arrayBuffers ${p.arrayBuffers}`,
    );
  }
  const entry = await serverEntry();
  const env = { MODEL_URI: `file://${store}/sentiment`, MODEL_POLL_INTERVAL: '0' };
  const starts: StartedApi[] = [];
  for (let i = 0; i < STARTS; i++) {
    const api = await startApi(entry, env, 8190 + i);
    starts.push(api);
    await api.stop();
  }
  const readyMs = starts.map((s) => s.readyMs);
  const cpuMs = starts.map((s) => s.cpuMs);
  console.log(
    `start-to-ready (spawn → /ready 200), ${STARTS} starts: median ${median(readyMs).toFixed(0)} ms (min ${Math.min(...readyMs).toFixed(0)}, max ${Math.max(...readyMs).toFixed(0)}); CPU used ${median(cpuMs).toFixed(0)} ms, so ≥ ${(median(cpuMs) / Number(parseQuantity(limits?.cpu ?? '1'))).toFixed(0)} ms at a ${limits?.cpu} CPU limit`,
  );
  const last = starts[starts.length - 1] as StartedApi;
  // The soaked process runs with the pod's heap; its own start is not timed (the flags void Node's code cache).
  const soaked = await startApi(entry, { ...env, NODE_OPTIONS: CONTAINER_HEAP_FLAGS }, 8190 + STARTS);
  console.log(
    `  phases (median, ms after spawn): ${Object.keys(last.phases)
      .map((k) => `${k} ${median(starts.map((s) => s.phases[k] ?? Number.NaN)).toFixed(0)}`)
      .join(', ')}`,
  );
  const texts = readFileSync(join(REPO, 'packages/model-trainer/data/sample.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean);
  const bodies = texts.map((l) => JSON.stringify({ text: l.slice(0, l.lastIndexOf('\t')) }));
  let i = 0;
  const load = (amount: number) =>
    autocannon({
      url: `${soaked.url}/predict`,
      connections: 32,
      method: 'POST',
      amount,
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] as string }) }],
    });
  await load(2000);
  await new Promise((r) => setTimeout(r, 2000));
  const idle = procStatus(soaked.pid);
  const metrics = await soaked.metrics();
  console.log(
    `idle (after 2,000 warm-up requests): rss ${idle.rssMb.toFixed(0)} MB, tensors ${metrics.tensors}, model load ${(metrics.loadSeconds * 1000).toFixed(0)} ms (mlops_model_load_duration_seconds)`,
  );
  let peak = idle.hwmMb;
  if (REQUESTS > 0) {
    const started = performance.now();
    const soak = await load(REQUESTS);
    const after = procStatus(soaked.pid);
    peak = after.hwmMb;
    console.log(
      `soak: ${REQUESTS.toLocaleString('en-US')} requests at c=32 in ${((performance.now() - started) / 1000).toFixed(0)} s (${Math.round(soak.requests.average)} req/s, p99 ${soak.latency.p99} ms, non-2xx ${soak.non2xx}): rss end ${after.rssMb.toFixed(0)} MB, peak ${after.hwmMb.toFixed(0)} MB, tensors ${(await soaked.metrics()).tensors}`,
    );
  }
  await soaked.stop();
  const image = await imageSize(profile?.images.api);
  console.log(
    `image ${image.name}: ${image.mb === undefined ? `not measured (${image.reason})` : `${image.mb.toFixed(0)} MB`}`,
  );
  console.log(
    `replicas per GiB: ${(1024 / limitMiB).toFixed(1)} at the ${limits?.memory} limit; ${(1024 / peak).toFixed(1)} at the measured peak RSS ${peak.toFixed(0)} MB`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench:density: ${(error as Error).message}`);
  process.exit(1);
});
