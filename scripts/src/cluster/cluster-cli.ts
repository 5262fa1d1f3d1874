#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlatformConfig } from '@mlops/infra-charts';
import { buildAllImages } from '../images/build-all-images.js';
import { toImageSpecs } from '../images/image-specs.js';
import { CommandError } from '../process/run-command.js';
import { formatStatus, tenantStatus } from './cluster-status.js';
import { type ClusterContext, clusterDown, clusterUp } from './cluster-steps.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const HELP = `Usage: pnpm cluster <up|status|down>

  up     check docker, kind >= 0.24 and kubectl; create the kind cluster mlops-kind-cluster (unless it
         exists); build the API and trainer images (pnpm images:build) and kind-load them; create the Secrets with random values (once);
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
  // The tenants and image tags of the kind profile, from the same config `pnpm synth` turned into dist/kind/.
  const config = loadPlatformConfig(join(REPO, 'platform.config.yaml'));
  const images = toImageSpecs(config, 'kind');
  const log = (line: string) => console.log(`cluster: ${line}`);
  const ctx: ClusterContext = {
    repo: REPO,
    clusterName: 'mlops-kind-cluster',
    tenants: config.tenants.map((tenant) => tenant.name),
    imageTags: images.map((image) => image.tag),
    buildImages: async () => {
      await buildAllImages(images, { repo: REPO, log });
    },
    trainingData: existsSync(join(sst2, 'train.tsv'))
      ? { 'sst2/train.tsv': join(sst2, 'train.tsv'), 'sst2/dev.tsv': join(sst2, 'dev.tsv') }
      : { 'sst2/train.tsv': sample, 'sst2/dev.tsv': sample },
    log,
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
