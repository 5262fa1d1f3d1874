import { tenantHostname, underWildcard } from '../config/check-routing.js';
import type { PlatformConfig, ProfileConfig } from '../config/index.js';

/** The platform-owned namespace holding the Gateway, its certificates and the HTTP→HTTPS redirect route. */
export const GATEWAY_NAMESPACE = 'mlops-gateway';
/** The one Gateway every tenant's HTTPRoute attaches to. */
export const GATEWAY_NAME = 'edge';
/** Listener names: `http` only redirects, `https` is the wildcard, `https-<tenant>` a custom hostname. */
export const LISTENERS = { http: 'http', https: 'https', custom: (tenant: string) => `https-${tenant}` } as const;
/** The wildcard certificate's Secret, next to the Gateway. */
export const WILDCARD_TLS_SECRET = 'edge-wildcard-tls';
/** Route annotation naming the gateway pods (`<namespace>:<k=v,…>`): verify models the edge from it. */
export const EDGE_PODS_ANNOTATION = 'mlops.platform/edge-pods';
/** The cert-manager annotation ingress-shim reads on an Ingress. */
export const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';

/** Where the gateway implementation's pods run and how they are labelled. */
export interface EdgePods {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
}

/** Defaults per mode: Envoy Gateway (proxies in its controller namespace) and the ingress-nginx controller. */
export const DEFAULT_EDGE = {
  gateway: {
    className: 'eg',
    pods: {
      namespace: 'envoy-gateway-system',
      podLabels: {
        'app.kubernetes.io/name': 'envoy',
        'gateway.envoyproxy.io/owning-gateway-name': GATEWAY_NAME,
        'gateway.envoyproxy.io/owning-gateway-namespace': GATEWAY_NAMESPACE,
      },
    },
  },
  ingress: {
    className: 'nginx',
    pods: {
      namespace: 'ingress-nginx',
      podLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
    },
  },
} as const satisfies Record<string, { className: string; pods: EdgePods }>;

/** A tenant's route from outside: its hostname and where it attaches. */
export interface TenantRoute {
  readonly mode: 'gateway' | 'ingress';
  readonly hostname: string;
  /** The Gateway listener it attaches to (gateway mode). */
  readonly listener: string;
  readonly className: string;
  readonly clusterIssuer: string;
  readonly httpsRedirect: boolean;
  readonly edgePods: EdgePods;
}

/** The platform side of the edge: the Gateway's listeners and the issuer, resolved for one profile. */
export interface EdgeSpec {
  readonly platformName: string;
  readonly mode: 'gateway' | 'ingress';
  readonly baseDomain: string;
  readonly className: string;
  readonly clusterIssuer: string;
  readonly tls: ProfileConfig['routing']['tls'];
  readonly httpsRedirect: boolean;
  readonly edgePods: EdgePods;
  /** Hostnames outside `*.<baseDomain>`: one listener and certificate each (gateway mode). */
  readonly customHosts: ReadonlyArray<{ readonly tenant: string; readonly hostname: string }>;
}

/** The edge of a profile, or undefined when routing is off. Pure: config in, flat spec out. */
export function resolveEdge(config: PlatformConfig, profile: ProfileConfig): EdgeSpec | undefined {
  const r = profile.routing;
  if (r.mode === 'none' || !r.baseDomain) return undefined;
  const baseDomain = r.baseDomain;
  const defaults = DEFAULT_EDGE[r.mode];
  return {
    platformName: config.platform.name,
    mode: r.mode,
    baseDomain,
    className: r.className ?? defaults.className,
    clusterIssuer: edgeIssuerName(config.platform.name),
    tls: r.tls,
    httpsRedirect: r.httpsRedirect,
    edgePods: r.edgePods ?? defaults.pods,
    customHosts: config.tenants
      .map((t) => ({ tenant: t.name, hostname: tenantHostname(r, t.name) }))
      .filter((h) => !underWildcard(h.hostname, baseDomain)),
  };
}

/** The route of one tenant on its profile's edge, or undefined when routing is off. */
export function resolveTenantRoute(
  platformName: string,
  profile: ProfileConfig,
  tenant: string,
): TenantRoute | undefined {
  const r = profile.routing;
  if (r.mode === 'none' || !r.baseDomain) return undefined;
  const hostname = tenantHostname(r, tenant);
  const defaults = DEFAULT_EDGE[r.mode];
  return {
    mode: r.mode,
    hostname,
    listener: underWildcard(hostname, r.baseDomain) ? LISTENERS.https : LISTENERS.custom(tenant),
    className: r.className ?? defaults.className,
    clusterIssuer: edgeIssuerName(platformName),
    httpsRedirect: r.httpsRedirect,
    edgePods: r.edgePods ?? defaults.pods,
  };
}

/** The one ClusterIssuer of the edge. */
export const edgeIssuerName = (platformName: string) => `${platformName}-edge`;

/** `ns:k=v,k=v`, the value of {@link EDGE_PODS_ANNOTATION}. */
export function formatEdgePods(pods: EdgePods): string {
  const labels = Object.entries(pods.podLabels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  return `${pods.namespace}:${labels.join(',')}`;
}

/** Reads {@link EDGE_PODS_ANNOTATION} back; undefined when malformed. */
export function parseEdgePods(text: string): EdgePods | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const pairs = text
    .slice(colon + 1)
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('='));
  if (pairs.length === 0 || pairs.some((p) => p.length !== 2)) return undefined;
  return { namespace: text.slice(0, colon), podLabels: Object.fromEntries(pairs) };
}
