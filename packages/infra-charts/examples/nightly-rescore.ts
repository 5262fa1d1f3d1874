/**
 * Example extension (docs/config.md, "Extensions"): a per-tenant nightly CronJob, built from cdk8s-plus-28, that
 * re-scores a small dataset through the tenant's own API (POST /predict/batch), so a model change that shifts the
 * predictions shows in the Job's log. Pod Security "restricted" is made explicit rather than left to cdk8s-plus's
 * defaults: runAsNonRoot with a fixed UID, seccomp RuntimeDefault, all capabilities dropped, no privilege
 * escalation, a read-only root filesystem, no ServiceAccount token, and requests/limits.
 *
 *   pnpm synth --extension packages/infra-charts/examples/nightly-rescore.ts --out /tmp/dist
 *
 * Not part of the default dist/: synth runs it only when asked to.
 */
import { Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { PlatformExtension, TenantContext } from '../src/extensions/platform-extension.js';
import { serviceUrl } from '../src/manifest/workload-ref.js';

/** Options of {@link nightlyRescore}. */
export interface NightlyRescoreOptions {
  /** Texts re-scored every night. @default - three fixed sentences */
  readonly texts?: readonly string[];
  /** When the Job runs (UTC). @default - 03:00 every day */
  readonly schedule?: Cron;
  /** An image with curl that runs as a non-root user. @default 'curlimages/curl:8.11.1' */
  readonly image?: string;
  /** UID/GID the container runs as (the curl image's own user). @default 100 */
  readonly uid?: number;
}

const DEFAULT_TEXTS = ['a gripping, beautifully acted film', 'dull and far too long', 'an honest, moving story'];

/** The extension: one ConfigMap (the dataset) and one CronJob in every tenant's namespace. */
export function nightlyRescore(options: NightlyRescoreOptions = {}): PlatformExtension {
  return {
    name: 'nightly-rescore',
    tenant: (scope, tenant) => addNightlyRescore(scope, tenant, options),
  };
}

/** Builds the dataset ConfigMap and the CronJob that posts it to the tenant's API Service. */
function addNightlyRescore(scope: Construct, tenant: TenantContext, options: NightlyRescoreOptions): void {
  const uid = options.uid ?? 100;
  const dataset = new kplus.ConfigMap(scope, 'dataset', {
    metadata: { name: 'nightly-rescore-dataset' },
    data: { 'texts.json': JSON.stringify({ texts: options.texts ?? DEFAULT_TEXTS }) },
  });
  const job = new kplus.CronJob(scope, 'cron-job', {
    metadata: { name: 'nightly-rescore', labels: { 'app.kubernetes.io/part-of': tenant.spec.platformName } },
    schedule: options.schedule ?? Cron.schedule({ minute: '0', hour: '3' }),
    concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
    backoffLimit: 1,
    activeDeadline: Duration.minutes(10),
    ttlAfterFinished: Duration.days(1),
    restartPolicy: kplus.RestartPolicy.NEVER,
    automountServiceAccountToken: false,
    securityContext: { ensureNonRoot: true, user: uid, group: uid },
  });
  const container = job.addContainer({
    name: 'rescore',
    image: options.image ?? 'curlimages/curl:8.11.1',
    command: ['curl'],
    args: [
      '--fail-with-body',
      '--silent',
      '--show-error',
      '--max-time',
      '60',
      '--header',
      'content-type: application/json',
      '--data-binary',
      '@/data/texts.json',
      `${serviceUrl(tenant.api.service)}/predict/batch`,
    ],
    securityContext: {
      ensureNonRoot: true,
      user: uid,
      group: uid,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: [kplus.Capability.ALL] },
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    },
    resources: {
      cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
      memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) },
    },
  });
  container.mount('/data', kplus.Volume.fromConfigMap(scope, 'dataset-volume', dataset, { name: 'dataset' }), {
    readOnly: true,
  });
}

export default nightlyRescore();
