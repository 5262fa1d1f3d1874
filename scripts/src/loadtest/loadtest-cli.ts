#!/usr/bin/env node
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliUsageError, formatHelp } from '@mlops/shared';
import { LOADTEST_CLI, parseLoadtestArgs } from './loadtest-options.js';
import { readPayloads } from './read-payloads.js';
import { runLoadtest, sloBreaches, toMarkdown, toVerdict } from './run-loadtest.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const options = parseLoadtestArgs(argv);
  if (options.help) {
    console.log(formatHelp(LOADTEST_CLI));
    return 0;
  }
  const cwd = env.INIT_CWD ?? process.cwd();
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const payloadFile = options.payloadFile
    ? abs(options.payloadFile)
    : join(REPO, 'packages/model-trainer/data/sample.tsv');
  const texts = readPayloads(payloadFile);
  const key = options.apiKeyStdin ? readFileSync(0, 'utf8').trim() : undefined;
  if (key === '')
    throw new Error(
      '--api-key-stdin: stdin held no key; pipe one in (pnpm --silent cluster keys create --tenant <t> | ...)',
    );
  console.log(
    `loadtest: ${options.url}, ${options.connections} connections, ${options.durationSeconds} s${options.rate ? `, ${options.rate} req/s` : ''}, ${texts.length} payloads from ${payloadFile}`,
  );
  // A terminal gets a live counter; a log file (CI, kubectl logs) one line per second, never a carriage return.
  const tty = process.stdout.isTTY === true;
  const result = await runLoadtest(
    options.url,
    texts,
    options.connections,
    options.durationSeconds,
    options.rate,
    (done, seconds) =>
      tty
        ? process.stdout.write(`\rloadtest: ${seconds} s, ${done} responses`)
        : console.log(`loadtest: ${seconds} s, ${done} responses`),
    key ? { authorization: `Bearer ${key}` } : {},
  );
  if (tty) process.stdout.write('\n');
  const breaches = sloBreaches(result, options.sloP99Ms);
  const out = abs(options.outDir);
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'loadtest.json'),
    `${JSON.stringify({ ...result, sloP99Ms: options.sloP99Ms ?? null, breaches }, null, 2)}\n`,
  );
  writeFileSync(join(out, 'loadtest.md'), toMarkdown(result, breaches, options.sloP99Ms));
  console.log(
    `loadtest: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50} ms, p90 ${result.latencyMs.p90} ms, p99 ${result.latencyMs.p99} ms, ${result.errors + result.timeouts} errors, ${result.non2xx} non-2xx`,
  );
  console.log(`loadtest: reports in ${join(out, 'loadtest.json')} and loadtest.md`);
  for (const b of breaches) console.error(`loadtest: SLO breached: ${b}`);
  if (breaches.length === 0) console.log(`loadtest: ${toVerdict(result, breaches, options.sloP99Ms)}`);
  return breaches.length === 0 ? 0 : 1;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliUsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
