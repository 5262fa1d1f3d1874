#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatStatus, tenantStatus } from './cluster-status.js';
import { type ClusterContext, clusterDown, clusterUp } from './cluster-steps.js';
import { CommandError } from './run-command.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const HELP = `Usage: pnpm cluster <up|status|down>

  up     check docker, kind >= 0.24 and kubectl; create the kind cluster mlops-kind-cluster (unless it
         exists); build and load the API and trainer images; create the Secrets with random values (once);
         kubectl apply -f dist/kind/; wait for MinIO; upload the training data (SST-2 from ../shared/data/sst2
         when present, else the bundled sample); wait for the training Job and for every tenant. Safe to re-run.
  status a table per tenant: ready replicas, HPA current/desired (max), model version served.
  down   delete the kind cluster.`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  if (!command || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  const sst2 = join(REPO, '../shared/data/sst2');
  const sample = join(REPO, 'packages/model-trainer/data/sample.tsv');
  const ctx: ClusterContext = {
    repo: REPO,
    clusterName: 'mlops-kind-cluster',
    tenants: ['tenant-a', 'tenant-b'],
    images: { 'inference-api': 'mlops/inference-api:0.1.0', 'model-trainer': 'mlops/model-trainer:0.1.0' },
    trainingData: existsSync(join(sst2, 'train.tsv'))
      ? { 'sst2/train.tsv': join(sst2, 'train.tsv'), 'sst2/dev.tsv': join(sst2, 'dev.tsv') }
      : { 'sst2/train.tsv': sample, 'sst2/dev.tsv': sample },
    log: (line) => console.log(`cluster: ${line}`),
  };
  if (command === 'up') await clusterUp(ctx);
  else if (command === 'down') await clusterDown(ctx);
  else if (command === 'status') console.log(formatStatus(await Promise.all(ctx.tenants.map((t) => tenantStatus(t)))));
  else {
    console.error(`cluster: unknown command "${command}"; use up, status or down\n${HELP}`);
    return 2;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `cluster: ${error instanceof CommandError || error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
