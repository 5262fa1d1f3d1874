import { join } from 'node:path';
import { analyzeRbac, readProfileDir } from '@mlops/infra-charts';
import { type CheckResult, formatChecks } from '../../process/check-result.js';
import { runStep } from '../../process/run-step.js';
import { planNetworkProbes } from './network-plan.js';
import { checkTenantHttp } from './smoke-http.js';
import { checkNetwork } from './smoke-network.js';
import { checkTenantRbac } from './smoke-rbac.js';

/** What `pnpm cluster smoke` needs. */
export interface SmokeContext {
  readonly repo: string;
  /** The kube context of the cluster under test; every kubectl call names it. */
  readonly kubeContext: string;
  /** The dist/ profile the cluster runs. @default "kind" */
  readonly profile?: string;
  readonly tenants: readonly string[];
  /** The image the probe pods run (the API image: it has node, and kind holds it). */
  readonly probeImage: string;
  /** Probe the internet (with a positive control); off for clusters without any internet access. @default true */
  readonly internet?: boolean;
  readonly log: (line: string) => void;
}

/** Namespaces the RBAC questions are asked in, besides the tenants'. */
const PLATFORM_NAMESPACES = ['minio', 'monitoring', 'mlops-system', 'kube-system', 'default'];

/**
 * `pnpm cluster smoke`: the live cluster against dist/kind (the analysis behind its REPORT.md). Per tenant: /health, /ready and
 * /predict through port-forward; `kubectl auth can-i` for its ServiceAccount everywhere; network probes from a
 * short-lived pod in its namespace (own API allowed, other tenants and the internet blocked, DNS allowed), each
 * blocked result backed by a positive control. Returns whether every check passed.
 */
export async function clusterSmoke(ctx: SmokeContext): Promise<boolean> {
  const dist = join(ctx.repo, 'dist', ctx.profile ?? 'kind');
  const manifests = readProfileDir(dist, ctx.profile ?? 'kind').flatMap((file) => file.documents);
  // The same RBAC analysis REPORT.md is rendered from, called directly (not read back from the Markdown).
  const { grants } = analyzeRbac(manifests);
  const results: CheckResult[] = [];
  for (const tenant of ctx.tenants)
    results.push(
      ...(await runStep(ctx, `${tenant}: /health, /ready, /predict through port-forward`, () =>
        checkTenantHttp(tenant, ctx.kubeContext),
      )),
    );
  for (const tenant of ctx.tenants)
    results.push(
      await runStep(ctx, `${tenant}: kubectl auth can-i vs the RBAC of dist/`, () =>
        checkTenantRbac(tenant, [...ctx.tenants, ...PLATFORM_NAMESPACES], grants, ctx.kubeContext),
      ),
    );
  const probes = planNetworkProbes(manifests, ctx.tenants, ctx.internet !== false);
  const network = await runStep(ctx, `network probes from a probe pod per namespace (${probes.length})`, () =>
    checkNetwork(probes, ctx.probeImage, ctx.log, ctx.kubeContext),
  );
  results.push(...network.results);
  ctx.log(
    `observed connectivity (vs dist/${ctx.profile ?? 'kind'}, the analysis behind REPORT.md):\n${network.matrix}`,
  );
  ctx.log(`\n${formatChecks(results)}`);
  return results.every((r) => r.ok);
}
