#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLoadtestArgs } from './loadtest-options.js';
import { readPayloads } from './read-payloads.js';
import { runLoadtest, sloBreaches, toMarkdown } from './run-loadtest.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const HELP = `Usage: pnpm loadtest --url <url> [--connections N] [--duration S] [--rate R] [--slo-p99 MS] [--payloads <file>] [--out <dir>]

Sends POST {"text": ...} requests (autocannon) with a realistic payload mix and prints req/s, p50/p90/p99,
errors and non-2xx; writes loadtest.json and loadtest.md to --out; exits 1 on an SLO breach or any error.

  --url <url>         e.g. http://127.0.0.1:8000/predict (pnpm start serves one)
  --connections N     concurrent connections (default 32)
  --duration S        seconds (default 30)
  --rate R            requests per second over all connections (default: as fast as possible)
  --slo-p99 MS        fail when p99 latency is above MS milliseconds
  --payloads <file>   one text per line, or a TSV whose first column is the text
                      (default: the bundled sample, packages/model-trainer/data/sample.tsv)
  --out <dir>         report folder (default .loadtest)`;

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const options = parseLoadtestArgs(argv);
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const cwd = env.INIT_CWD ?? process.cwd();
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const payloadFile = options.payloadFile
    ? abs(options.payloadFile)
    : join(REPO, 'packages/model-trainer/data/sample.tsv');
  const texts = readPayloads(payloadFile);
  console.log(
    `loadtest: ${options.url}, ${options.connections} connections, ${options.durationSeconds} s${options.rate ? `, ${options.rate} req/s` : ''}, ${texts.length} payloads from ${payloadFile}`,
  );
  const result = await runLoadtest(
    options.url,
    texts,
    options.connections,
    options.durationSeconds,
    options.rate,
    (done) => process.stdout.write(`\rloadtest: ${done} responses`),
  );
  process.stdout.write('\n');
  const breaches = sloBreaches(result, options.sloP99Ms);
  const out = abs(options.outDir);
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'loadtest.json'),
    `${JSON.stringify({ ...result, sloP99Ms: options.sloP99Ms ?? null, breaches }, null, 2)}\n`,
  );
  writeFileSync(join(out, 'loadtest.md'), toMarkdown(result, breaches));
  console.log(
    `loadtest: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50} ms, p90 ${result.latencyMs.p90} ms, p99 ${result.latencyMs.p99} ms, ${result.errors + result.timeouts} errors, ${result.non2xx} non-2xx`,
  );
  console.log(`loadtest: reports in ${join(out, 'loadtest.json')} and loadtest.md`);
  for (const b of breaches) console.error(`loadtest: SLO breached: ${b}`);
  return breaches.length === 0 ? 0 : 1;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
