import type { IHTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { IHTTPRouteMatch } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteMatch';
import type { IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1/HTTPIngressPath';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import {
  CLUSTER_ISSUER_ANNOTATION,
  EDGE_PODS_ANNOTATION,
  formatEdgePods,
  GATEWAY_NAME,
  GATEWAY_NAMESPACE,
  type TenantRoute,
} from '../network/edge-spec.js';
import { API_PORT, API_PORT_NAME } from '../platform-constants.js';
import { tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';

/**
 * The paths consumers may call. /health, /ready and /metrics are left out on purpose: they are unauthenticated
 * and only for the kubelet and Prometheus inside the cluster.
 */
export const ROUTED_PATHS: ReadonlyArray<{ readonly path: string; readonly exact: boolean }> = [
  { path: '/', exact: true },
  { path: '/predict', exact: true },
  { path: '/predict/batch', exact: true },
  { path: '/v2', exact: false },
];

/** Name of a tenant's HTTPRoute or Ingress. */
export const tenantRouteName = (tenant: string) => `${tenantNames(tenant).app}-edge`;

const annotations = (route: TenantRoute) => ({ [EDGE_PODS_ANNOTATION]: formatEdgePods(route.edgePods) });

/** Gateway mode: the tenant's HTTPRoute, in its own namespace, to its own Service only. */
export function toTenantHttpRoute(spec: TenantSpec, route: TenantRoute): IHTTPRoute {
  const names = tenantNames(spec.name);
  const matches: IHTTPRouteMatch[] = ROUTED_PATHS.map((p) => ({
    path: { type: p.exact ? 'Exact' : 'PathPrefix', value: p.path },
  }));
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: tenantRouteName(spec.name),
      namespace: names.namespace,
      labels: tenantLabels(spec, 'edge'),
      annotations: annotations(route),
    },
    spec: {
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: GATEWAY_NAME,
          namespace: GATEWAY_NAMESPACE,
          sectionName: route.listener,
        },
      ],
      hostnames: [route.hostname],
      rules: [{ matches, backendRefs: [{ group: '', kind: 'Service', name: names.service, port: API_PORT }] }],
    },
  };
}

/** Ingress mode: the tenant's Ingress with TLS from cert-manager (ingress-shim) and the redirect of ingress-nginx. */
export function toTenantIngress(spec: TenantSpec, route: TenantRoute): IIngress {
  const names = tenantNames(spec.name);
  const paths: IHTTPIngressPath[] = ROUTED_PATHS.map((p) => ({
    path: p.path,
    pathType: p.exact ? 'Exact' : 'Prefix',
    backend: { service: { name: names.service, port: { name: API_PORT_NAME } } },
  }));
  const redirect = String(route.httpsRedirect);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: tenantRouteName(spec.name),
      namespace: names.namespace,
      labels: tenantLabels(spec, 'edge'),
      annotations: {
        ...annotations(route),
        [CLUSTER_ISSUER_ANNOTATION]: route.clusterIssuer,
        'nginx.ingress.kubernetes.io/ssl-redirect': redirect,
        'nginx.ingress.kubernetes.io/force-ssl-redirect': redirect,
      },
    },
    spec: {
      ingressClassName: route.className,
      tls: [{ hosts: [route.hostname], secretName: `${tenantRouteName(spec.name)}-tls` }],
      rules: [{ host: route.hostname, http: { paths } }],
    },
  };
}

/** The tenant's route for its profile's routing mode. */
export function toTenantRoute(spec: TenantSpec, route: TenantRoute): IHTTPRoute | IIngress {
  return route.mode === 'gateway' ? toTenantHttpRoute(spec, route) : toTenantIngress(spec, route);
}
