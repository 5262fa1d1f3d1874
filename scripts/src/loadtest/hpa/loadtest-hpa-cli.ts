#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlatformConfig, tenantNames } from '@mlops/infra-charts';
import { type CliOption, type CliSpec, parseCliOrExit } from '@mlops/shared';
import { API_PORT } from '@mlops/shared/contract';
import { withPortForward } from '../../cluster/port-forward.js';
import { readPayloads } from '../read-payloads.js';
import { readHpa } from './hpa-sample.js';
import { startSustainedLoad } from './sustained-load.js';
import { watchAutoscaling } from './watch-autoscaling.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const HPA_CLI = {
  command: 'pnpm loadtest:hpa',
  usage: '--tenant <name> [options]',
  summary: `Drives sustained load at a tenant's API through kubectl port-forward (svc/<tenant>-ml-inference-svc) and prints
the HPA's replicas and CPU every --interval seconds: until it scales out (it scales up at once above 50% CPU),
then, with the load stopped, until it is back at its minimum (after the 5-minute scale-down window). Writes
.loadtest/hpa-<tenant>.json; exits 0 when both were seen, 1 otherwise, 2 for usage errors.

A port-forward reaches one pod: enough to push the average over the target and see the scale-out; for load
spread over every replica, run pnpm loadtest from inside the cluster.`,
  options: {
    tenant: { type: 'string', placeholder: '<name>', description: 'a tenant of platform.config.yaml (required)' },
    connections: { type: 'string', placeholder: 'N', default: '64', description: 'concurrent connections' },
    rate: {
      type: 'string',
      placeholder: 'R',
      description: 'requests per second over all connections',
      defaultText: 'as fast as possible',
    },
    interval: { type: 'string', placeholder: 'S', default: '10', description: 'seconds between HPA readings' },
    hold: {
      type: 'string',
      placeholder: 'S',
      default: '60',
      description: 'keep the load on S seconds after the first scale-out',
    },
    'scale-out-timeout': {
      type: 'string',
      placeholder: 'S',
      default: '300',
      description: 'give up waiting for a scale-out after S seconds',
    },
    'scale-in-timeout': {
      type: 'string',
      placeholder: 'S',
      default: '600',
      description: 'give up waiting for the scale-in after S seconds',
    },
    payloads: {
      type: 'string',
      placeholder: '<file>',
      description: 'texts, one per line or a TSV',
      defaultText: 'the bundled sample',
    },
    out: { type: 'string', placeholder: '<dir>', default: '.loadtest', description: 'report folder' },
  },
  examples: ['pnpm loadtest:hpa --tenant tenant-a', 'pnpm loadtest:hpa --tenant tenant-b --connections 128 --hold 120'],
} as const satisfies CliSpec<Record<string, CliOption>>;

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseCliOrExit(HPA_CLI, argv);
  const tenants = loadPlatformConfig(join(REPO, 'platform.config.yaml')).tenants.map((t) => t.name);
  const problems: string[] = [];
  if (!values.tenant || !tenants.includes(values.tenant))
    problems.push(
      `--tenant ${JSON.stringify(values.tenant ?? '')} must be a tenant of platform.config.yaml: ${tenants.join(', ')}`,
    );
  const number = (name: string, raw: string | undefined, min: number) => {
    const n = Number(raw);
    if (raw !== undefined && (!Number.isFinite(n) || n < min))
      problems.push(`--${name} ${JSON.stringify(raw)} must be a number >= ${min}`);
    return n;
  };
  const connections = number('connections', values.connections, 1);
  const rate = values.rate === undefined ? undefined : number('rate', values.rate, 1);
  const interval = number('interval', values.interval, 1);
  const hold = number('hold', values.hold, 0);
  const scaleOut = number('scale-out-timeout', values['scale-out-timeout'], 10);
  const scaleIn = number('scale-in-timeout', values['scale-in-timeout'], 10);
  if (problems.length > 0) {
    console.error(
      `loadtest:hpa: ${problems.join('\nloadtest:hpa: ')}\nRun "pnpm loadtest:hpa --help" for the options.`,
    );
    return 2;
  }
  const tenant = values.tenant as string;
  const names = tenantNames(tenant);
  const cwd = env.INIT_CWD ?? process.cwd();
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const texts = readPayloads(
    values.payloads ? abs(values.payloads) : join(REPO, 'packages/model-trainer/data/sample.tsv'),
  );
  const log = (line: string) => console.log(`loadtest:hpa: ${line}`);
  const result = await withPortForward(undefined, names.namespace, names.service, API_PORT, ({ url }) => {
    log(
      `${connections} connections at ${url}/predict (port-forward to ${names.namespace}/${names.service}); HPA ${names.hpa}`,
    );
    return watchAutoscaling({
      read: () => readHpa(names.namespace, names.hpa),
      startLoad: () => startSustainedLoad(`${url}/predict`, texts, connections, scaleOut + hold + 60, rate),
      intervalMs: interval * 1000,
      scaleOutTimeoutMs: scaleOut * 1000,
      scaleInTimeoutMs: scaleIn * 1000,
      holdMs: hold * 1000,
      log,
    });
  });
  const out = abs(values.out ?? '.loadtest');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `hpa-${tenant}.json`), `${JSON.stringify({ tenant, ...result }, null, 2)}\n`);
  log(
    result.scaledOutAfterSeconds === undefined
      ? `no scale-out within ${scaleOut} s (peak ${result.peakReplicas} replicas): is metrics-server running? (pnpm cluster status)`
      : `scaled out after ${result.scaledOutAfterSeconds.toFixed(0)} s, peak ${result.peakReplicas} replicas; ` +
          (result.scaledInAfterSeconds === undefined
            ? `not back at the minimum within ${scaleIn} s of the load stopping`
            : `back at the minimum ${result.scaledInAfterSeconds.toFixed(0)} s after the load stopped`),
  );
  log(
    `${result.load.requests} requests, ${result.load.non2xx} non-2xx, ${result.load.errors} errors; report ${join(out, `hpa-${tenant}.json`)}`,
  );
  return result.scaledOutAfterSeconds !== undefined && result.scaledInAfterSeconds !== undefined ? 0 : 1;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`loadtest:hpa: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
