import type { IGateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway';
import type { IHTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { IListener } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Listener';
import {
  type EdgeSpec,
  GATEWAY_NAME,
  GATEWAY_NAMESPACE,
  LISTENERS,
  WILDCARD_TLS_SECRET,
} from '../../network/edge-spec.js';
import { LABEL_ROLE } from '../../platform-constants.js';
import { edgeLabels } from './edge-labels.js';

/** Secret of a custom hostname's certificate, next to the Gateway. */
export const customTlsSecret = (tenant: string) => `edge-${tenant}-tls`;

/** Only tenant namespaces may attach routes to the HTTPS listeners; a custom listener only its own tenant. */
const tenantRoutes = (tenant?: string): IListener['allowedRoutes'] => ({
  kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
  namespaces: {
    from: 'Selector',
    selector: {
      matchLabels: tenant ? { 'kubernetes.io/metadata.name': tenant } : { [LABEL_ROLE]: 'tenant' },
    },
  },
});

const https = (name: string, hostname: string, secret: string, tenant?: string): IListener => ({
  name,
  protocol: 'HTTPS',
  port: 443,
  hostname,
  tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: secret }] },
  allowedRoutes: tenantRoutes(tenant),
});

/**
 * The platform Gateway: one wildcard HTTPS listener `*.<baseDomain>` for every default hostname (the Gateway API
 * caps listeners at 64, so not one per tenant), one per custom hostname, and a plain HTTP one that only redirects.
 */
export function toGateway(edge: EdgeSpec): IGateway {
  const listeners: IListener[] = [
    https(LISTENERS.https, `*.${edge.baseDomain}`, WILDCARD_TLS_SECRET),
    ...edge.customHosts.map((h) => https(LISTENERS.custom(h.tenant), h.hostname, customTlsSecret(h.tenant), h.tenant)),
  ];
  if (edge.httpsRedirect)
    listeners.push({
      name: LISTENERS.http,
      protocol: 'HTTP',
      port: 80,
      allowedRoutes: {
        kinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }],
        namespaces: { from: 'Same' },
      },
    });
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: GATEWAY_NAME, namespace: GATEWAY_NAMESPACE, labels: edgeLabels(edge.platformName, 'gateway') },
    spec: { gatewayClassName: edge.className, listeners },
  };
}

/** Everything on port 80 is answered with a 301 to the same URL over HTTPS. */
export function toHttpsRedirectRoute(edge: EdgeSpec): IHTTPRoute {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: 'https-redirect',
      namespace: GATEWAY_NAMESPACE,
      labels: edgeLabels(edge.platformName, 'https-redirect'),
    },
    spec: {
      parentRefs: [
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: GATEWAY_NAME, sectionName: LISTENERS.http },
      ],
      rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
    },
  };
}
