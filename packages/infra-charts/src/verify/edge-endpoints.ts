import type { Manifest } from '../manifest/manifest.js';
import { EDGE_PODS_ANNOTATION, parseEdgePods } from '../network/edge-spec.js';
import type { Endpoint } from './cluster-model.js';

/** Id of the gateway implementation's pods in a namespace: the one endpoint the internet reaches. */
export const gatewayId = (namespace: string) => `${namespace}/gateway`;
/** Kinds that route outside traffic to a tenant. */
export const ROUTE_KINDS: ReadonlySet<string> = new Set(['HTTPRoute', 'Ingress']);
/** The ports the gateway's pods accept from the internet: HTTPS, and HTTP for the redirect. */
const GATEWAY_PORTS = [
  { port: 443, protocol: 'TCP', name: 'https' },
  { port: 80, protocol: 'TCP', name: 'http' },
] as const;

/**
 * The gateway pods (Envoy Gateway's proxies, the ingress-nginx controller) are installed outside dist/; each
 * tenant route names them (namespace and labels, {@link EDGE_PODS_ANNOTATION}), so verify models them from that.
 */
export function edgeEndpoints(manifests: readonly Manifest[], firstIndex: number) {
  const namespaces = new Map<string, Record<string, string>>();
  const endpoints: Endpoint[] = [];
  const seen = new Set<string>();
  for (const m of manifests) {
    if (!ROUTE_KINDS.has(m.kind)) continue;
    const text = (m.metadata.annotations as Record<string, string> | undefined)?.[EDGE_PODS_ANNOTATION];
    const pods = text === undefined ? undefined : parseEdgePods(text);
    if (!pods || seen.has(pods.namespace)) continue;
    seen.add(pods.namespace);
    namespaces.set(pods.namespace, { 'kubernetes.io/metadata.name': pods.namespace });
    const n = firstIndex + endpoints.length + 1;
    endpoints.push({
      id: gatewayId(pods.namespace),
      namespace: pods.namespace,
      labels: pods.podLabels,
      ip: `10.244.${Math.floor(n / 250)}.${(n % 250) + 1}`,
      ports: GATEWAY_PORTS,
      external: false,
    });
  }
  return { namespaces, endpoints };
}
