import type { Manifest } from '@mlops/infra-charts';
import { API_ENV } from '@mlops/shared/contract';

/** What the smoke test expects of a tenant's edge, read from dist/<profile> (the same manifests the cluster runs). */
export interface TenantEdge {
  readonly tenant: string;
  /** AUTH_MODE=required in the tenant's ConfigMap. */
  readonly authRequired: boolean;
  /** RATE_LIMIT_BURST (0: no per-key limit). */
  readonly burst: number;
  /** The hostname its HTTPRoute or Ingress routes, when routing is on. */
  readonly hostname?: string;
}

type Doc = Manifest & { readonly data?: Record<string, string>; readonly spec?: Record<string, unknown> };

/** The hostname routed to a tenant: the first of its HTTPRoute's hostnames, else its Ingress's first rule host. */
function hostnameOf(docs: readonly Doc[], tenant: string): string | undefined {
  const own = docs.filter((d) => d.metadata.namespace === tenant);
  const route = own.find((d) => d.kind === 'HTTPRoute')?.spec as { hostnames?: string[] } | undefined;
  const ingress = own.find((d) => d.kind === 'Ingress')?.spec as { rules?: { host?: string }[] } | undefined;
  return route?.hostnames?.[0] ?? ingress?.rules?.find((r) => r.host)?.host;
}

/** Each tenant's auth mode, burst and hostname from the manifests. */
export function planTenantEdges(manifests: readonly Manifest[], tenants: readonly string[]): TenantEdge[] {
  const docs = manifests as readonly Doc[];
  return tenants.map((tenant) => {
    const data = docs.find(
      (d) => d.kind === 'ConfigMap' && d.metadata.namespace === tenant && d.data?.[API_ENV.tenant],
    )?.data;
    const hostname = hostnameOf(docs, tenant);
    return {
      tenant,
      authRequired: data?.[API_ENV.authMode] === 'required',
      burst: Number(data?.[API_ENV.rateLimitBurst] ?? 0) || 0,
      ...(hostname ? { hostname } : {}),
    };
  });
}
