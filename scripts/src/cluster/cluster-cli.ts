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
import { clusterSmoke } from './smoke/cluster-smoke.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const HELP = `Usage: pnpm cluster <up|status|smoke|down> [--profile <name>] [--no-internet]

  up     check docker, kind >= 0.24 and kubectl; create the kind cluster mlops-kind-cluster (unless it
         exists); build the API and trainer images (pnpm images:build) and kind-load them; create the Secrets with random values (once);
         kubectl apply -f dist/kind/; wait for MinIO; upload the training data (SST-2 from ../shared/data/sst2
         when present, else the bundled sample); wait for the training Job and for every tenant. Safe to re-run.
  status a table per tenant: ready replicas, HPA current/desired (max), model version served.
  smoke  the live cluster against dist/kind and its REPORT.md: per tenant /health, /ready and /predict through
         port-forward; kubectl auth can-i for its ServiceAccount in every namespace and cluster-wide; network
         probes from a short-lived pod in each tenant namespace (own API allowed, other tenants and the internet
         blocked, DNS allowed), every blocked result backed by a positive control; prints the observed matrix.
         --profile <name>  the dist/ profile the current kubectl context runs (default kind; eks for production)
         --no-internet     skip the internet probe (clusters without any internet access)
  down   delete the kind cluster.

Exit code: 0 when every step (or smoke check) passed, 1 otherwise, 2 for usage errors.`;

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
  else if (command === 'smoke') {
    const at = argv.indexOf('--profile');
    const profile = at >= 0 ? argv[at + 1] : 'kind';
    if (profile !== 'kind' && profile !== 'eks') {
      console.error(`cluster: --profile ${JSON.stringify(profile ?? '')} must be one of: kind, eks`);
      return 2;
    }
    const ok = await clusterSmoke({
      repo: REPO,
      profile,
      tenants: ctx.tenants,
      probeImage: toImageSpecs(config, profile)[0]?.tag ?? '',
      internet: !argv.includes('--no-internet'),
      log,
    });
    return ok ? 0 : 1;
  } else if (command === 'status')
    console.log(formatStatus(await Promise.all(ctx.tenants.map((t) => tenantStatus(t)))));
  else {
    console.error(`cluster: unknown command "${command}"; use up, status, smoke or down\n${HELP}`);
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
