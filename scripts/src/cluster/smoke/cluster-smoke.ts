import { join } from 'node:path';
import { analyzeRbac, readProfileDir } from '@mlops/infra-charts';
import { type CheckResult, formatChecks } from '../../process/check-result.js';
import { runStep } from '../../process/run-step.js';
import { withPortForward } from '../port-forward.js';
import { planTenantEdges, type TenantEdge } from './edge-plan.js';
import { planNetworkProbes } from './network-plan.js';
import { checkTenantViaGateway, KEY_PROPAGATION_MS } from './smoke-gateway.js';
import { checkTenantHttp } from './smoke-http.js';
import { withSmokeKeys } from './smoke-keys.js';
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
  /** Also call every tenant through this gateway Service over TLS by its hostname (`--via-gateway`). @default - not */
  readonly gateway?: GatewayService;
  /** The tenants' edges. @default - read from dist/<profile> */
  readonly edges?: readonly TenantEdge[];
  /** How long a new smoke key may take to work (kubelet sync + the API's poll). @default KEY_PROPAGATION_MS */
  readonly keyPropagationMs?: number;
}

/** The gateway's Service and how to trust its certificates. */
export interface GatewayService {
  readonly namespace: string;
  readonly service: string;
  /** Its HTTPS port. @default 443 */
  readonly port?: number;
  /** PEM CA bundle for the tenant certificates. @default - the system CAs */
  readonly ca?: string;
  /** Skip certificate verification (self-signed). @default false */
  readonly insecure?: boolean;
}

/** Per tenant through port-forward (with its smoke key when auth is on), then through the gateway if asked. */
async function checkEdges(
  ctx: SmokeContext,
  edges: readonly TenantEdge[],
  keys: ReadonlyMap<string, string>,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const wait = ctx.keyPropagationMs ?? KEY_PROPAGATION_MS;
  for (const { tenant } of edges)
    results.push(
      ...(await runStep(ctx, `${tenant}: /health, /ready, /predict through port-forward`, () =>
        checkTenantHttp(tenant, ctx.kubeContext, keys.get(tenant), wait),
      )),
    );
  const gateway = ctx.gateway;
  if (!gateway) return results;
  const step = `every tenant through the gateway ${gateway.namespace}/${gateway.service} over TLS`;
  const viaGateway = await runStep(ctx, step, () =>
    withPortForward(ctx.kubeContext, gateway.namespace, gateway.service, gateway.port ?? 443, async ({ port }) => {
      const target = {
        host: '127.0.0.1',
        port,
        ...(gateway.ca ? { ca: gateway.ca } : {}),
        insecure: gateway.insecure === true,
      };
      const checks: CheckResult[] = [];
      for (const edge of edges) {
        const own = keys.get(edge.tenant);
        const other = [...keys].find(([t]) => t !== edge.tenant)?.[1];
        if (!own) {
          checks.push({
            name: `${edge.tenant}: through the gateway`,
            ok: false,
            detail: 'AUTH_MODE is not required for it in dist/',
          });
          continue;
        }
        try {
          checks.push(...(await checkTenantViaGateway(target, edge, own, other, wait)));
        } catch (error) {
          // A TLS or connection failure is this tenant's failed check; the other tenants and checks still run.
          const detail = error instanceof Error ? error.message : String(error);
          checks.push({
            name: `${edge.tenant}: https://${edge.hostname ?? '?'} through the gateway`,
            ok: false,
            detail,
          });
        }
      }
      return checks;
    }),
  );
  return [...results, ...viaGateway];
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
  const edges = ctx.edges ?? planTenantEdges(manifests, ctx.tenants);
  const keyed = edges.filter((e) => e.authRequired).map((e) => e.tenant);
  results.push(...(await withSmokeKeys(ctx, keyed, (keys) => checkEdges(ctx, edges, keys))));
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
