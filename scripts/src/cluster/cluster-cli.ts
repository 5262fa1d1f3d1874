#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPlatformConfig } from '@mlops/infra-charts';
import { buildAllImages } from '../images/build-all-images.js';
import { toImageSpecs } from '../images/image-specs.js';
import { CommandError } from '../process/run-command.js';
import { removeTenantSecrets } from './cluster-secrets.js';
import { assertClusterExists, formatStatus, tenantStatus } from './cluster-status.js';
import { type ClusterContext, clusterDown, clusterUp } from './cluster-steps.js';
import { runKeysCommand } from './keys/keys-command.js';
import { kindContext } from './kubectl.js';
import { clusterSmoke, type GatewayService } from './smoke/cluster-smoke.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLUSTER = 'mlops-kind-cluster';
const HELP = `Usage: pnpm cluster <up|status|smoke|down|keys> [options]

  up     check docker, kind >= 0.24 and kubectl; create the kind cluster ${CLUSTER} (unless it exists); build the
         API and trainer images (pnpm images:build) and kind-load them; create every missing Secret with random
         values (per tenant, also for tenants added later; existing values are never changed);
         kubectl apply -k dist/kind/ --prune -l app.kubernetes.io/part-of=<platform>; wait for MinIO and its
         provisioning Job; upload the training data (SST-2 from ../shared/data/sst2 when present, else the bundled
         sample); wait for the training Job and for every tenant. Safe to re-run, and the way to apply a change.
  status a table per tenant: ready replicas, HPA current/desired (max), model version served. Exits 1 when there is
         no cluster.
  smoke  the live cluster against dist/<profile> and its REPORT.md: per tenant /health, /ready and /predict through
         port-forward; kubectl auth can-i for its ServiceAccount in every namespace and cluster-wide; network
         probes from a short-lived pod in each tenant namespace (own API allowed, other tenants and the internet
         blocked, DNS allowed), every blocked result backed by a positive control; prints the observed matrix.
  keys   keys <create|rotate|revoke|list> --tenant <name>: the tenant's API keys, stored only as SHA-256 hashes
         in its Secret <tenant>-api-keys. create adds a key; rotate adds one and marks the current ones rotated
         (still valid); revoke --id <id> removes one (never the last); list shows ids, dates and status. A new key
         is printed once to stdout (pnpm --silent cluster keys create ... to capture it) and never written to disk.
  down   delete the kind cluster. With --tenant <name>: delete only the Secrets of a tenant removed from the config
         (its credentials and its key in minio-user-credentials); docs/day-2.md has the whole removal.

Options:
  --context <name>  the kube context every kubectl call names (default: kind-${CLUSTER})
  --profile <name>  smoke: the dist/ profile the cluster runs (kind or eks; default kind)
  --no-internet     smoke: skip the internet probe (clusters without any internet access)
  --via-gateway <namespace/service>
                    smoke: also call each tenant by its hostname over TLS through this gateway Service (port-forward,
                    SNI and Host set to the hostname): own key 200, another tenant's key 401, no key 401, over its
                    limit 429. With auth on, smoke adds a key per tenant for its run (in memory only), revokes it after
  --gateway-port <n>  smoke: the gateway Service's HTTPS port (default 443)
  --gateway-ca <file> smoke: PEM CA that signed the tenant certificates (default: the system CAs)
  --insecure        smoke: skip verifying the gateway's certificate (kind's self-signed issuer)
  --tenant <name>   down: remove this removed tenant's Secrets instead of the cluster; keys: the tenant
  --id <id>         keys revoke: the key to revoke (from keys list)
  -h, --help        show this help

Exit code: 0 when every step (or smoke check) passed, 1 otherwise, 2 for usage errors.`;

/** Which options each command takes; any other is a usage error. */
const ALLOWED: Record<string, readonly string[]> = {
  up: ['context'],
  status: ['context'],
  smoke: ['context', 'profile', 'no-internet', 'via-gateway', 'gateway-port', 'gateway-ca', 'insecure'],
  down: ['context', 'tenant'],
  keys: ['context', 'tenant', 'id'],
};
const KEY_ACTIONS = ['create', 'rotate', 'revoke', 'list'] as const;

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      context: { type: 'string' },
      profile: { type: 'string' },
      'no-internet': { type: 'boolean' },
      'via-gateway': { type: 'string' },
      'gateway-port': { type: 'string' },
      'gateway-ca': { type: 'string' },
      insecure: { type: 'boolean' },
      tenant: { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true as const };
  const [command, ...extra] = positionals;
  if (!command) throw new UsageError('name a command: up, status, smoke, down or keys');
  const allowed = ALLOWED[command];
  if (!allowed) throw new UsageError(`unknown command "${command}"; use up, status, smoke, down or keys`);
  const action = command === 'keys' ? extra.shift() : undefined;
  if (command === 'keys' && !KEY_ACTIONS.some((a) => a === action))
    throw new UsageError(
      `keys needs an action: ${KEY_ACTIONS.join(', ')}${action ? ` (got "${action}")` : ''}, e.g. pnpm cluster keys create --tenant <name>`,
    );
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" after ${command}`);
  if (command === 'keys' && !values.tenant) throw new UsageError(`keys ${action} needs --tenant <name>`);
  if (action === 'revoke' && !values.id)
    throw new UsageError('keys revoke needs --id <id> (see pnpm cluster keys list)');
  if (action !== 'revoke' && values.id)
    throw new UsageError(`keys ${action ?? ''} does not take --id; only keys revoke does`);
  const given = Object.keys(values).filter((k) => k !== 'help');
  const wrong = given.filter((k) => !allowed.includes(k));
  if (wrong.length > 0)
    throw new UsageError(
      `${command} does not take --${wrong.join(', --')}; it takes ${allowed.map((a) => `--${a}`).join(', ')}`,
    );
  const profile = values.profile ?? 'kind';
  if (profile !== 'kind' && profile !== 'eks') throw new UsageError(`--profile "${profile}" must be one of: kind, eks`);
  const gateway = values['via-gateway'];
  if (gateway !== undefined && !/^[a-z0-9-]+\/[a-z0-9.-]+$/.test(gateway))
    throw new UsageError(
      `--via-gateway "${gateway}" must be <namespace>/<service>, e.g. envoy-gateway-system/envoy-platform-gateway`,
    );
  const port = values['gateway-port'];
  if (port !== undefined && !(Number.isInteger(Number(port)) && Number(port) >= 1 && Number(port) <= 65535))
    throw new UsageError(`--gateway-port "${port}" must be a port number from 1 to 65535`);
  if (gateway === undefined && (port !== undefined || values['gateway-ca'] !== undefined || values.insecure))
    throw new UsageError('--gateway-port, --gateway-ca and --insecure go with --via-gateway <namespace/service>');
  return { help: false as const, command, action, values, profile: profile as 'kind' | 'eks' };
}

/** The --via-gateway options as the smoke test's gateway (the CA file read here, once). */
function toGateway(values: Record<string, string | boolean | undefined>): GatewayService {
  const [namespace = '', service = ''] = String(values['via-gateway']).split('/');
  const ca = values['gateway-ca'];
  return {
    namespace,
    service,
    ...(values['gateway-port'] ? { port: Number(values['gateway-port']) } : {}),
    ...(typeof ca === 'string' ? { ca: readFileSync(ca, 'utf8') } : {}),
    insecure: values.insecure === true,
  };
}

async function main(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const { command, action, values, profile } = args;
  const sst2 = join(REPO, '../shared/data/sst2');
  const sample = join(REPO, 'packages/model-trainer/data/sample.tsv');
  // The tenants and image tags of the kind profile, from the same config `pnpm synth` turned into dist/kind/.
  const config = loadPlatformConfig(join(REPO, 'platform.config.yaml'));
  const images = toImageSpecs(config, 'kind');
  const log = (line: string) => console.log(`cluster: ${line}`);
  const ctx: ClusterContext = {
    repo: REPO,
    clusterName: CLUSTER,
    kubeContext: values.context ?? kindContext(CLUSTER),
    platformName: config.platform.name,
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
  if (command === 'keys' && action && values.tenant)
    await runKeysCommand(
      {
        kubeContext: ctx.kubeContext,
        tenants: ctx.tenants,
        log: (line) => console.error(`cluster: ${line}`),
        reveal: (key) => console.log(key),
      },
      action as (typeof KEY_ACTIONS)[number],
      values.tenant,
      values.id,
    );
  else if (command === 'up') await clusterUp(ctx);
  else if (command === 'down' && values.tenant) await removeTenantSecrets(ctx, values.tenant);
  else if (command === 'down') await clusterDown(ctx);
  else if (command === 'smoke') {
    const ok = await clusterSmoke({
      repo: REPO,
      kubeContext: ctx.kubeContext,
      profile,
      tenants: ctx.tenants,
      probeImage: toImageSpecs(config, profile)[0]?.tag ?? '',
      internet: values['no-internet'] !== true,
      log,
      ...(values['via-gateway'] ? { gateway: toGateway(values) } : {}),
    });
    return ok ? 0 : 1;
  } else {
    if (!values.context) await assertClusterExists(CLUSTER);
    console.log(formatStatus(await Promise.all(ctx.tenants.map((t) => tenantStatus(t, ctx.kubeContext)))));
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(
      `cluster: ${error instanceof CommandError || error instanceof Error ? error.message : String(error)}${usage ? '\nRun "pnpm cluster --help" for usage.' : ''}`,
    );
    process.exit(usage ? 2 : 1);
  },
);
