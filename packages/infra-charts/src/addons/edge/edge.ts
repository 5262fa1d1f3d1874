import { Construct } from 'constructs';
import { kubeObject } from '../../manifest/kube-object.js';
import { type EdgeSpec, GATEWAY_NAMESPACE } from '../../network/edge-spec.js';
import { baselinePolicies } from '../../network/network-policy.js';
import { edgeLabels } from './edge-labels.js';
import { toEdgeIssuer, toGatewayCertificates } from './to-edge-certificates.js';
import { toGateway, toHttpsRedirectRoute } from './to-gateway.js';

/** Props of {@link Edge}: the resolved edge of the profile. */
export interface EdgeProps extends EdgeSpec {}

/**
 * The platform side of the tenant edge: the ClusterIssuer, and in gateway mode the Gateway, its certificates and
 * the redirect route in {@link GATEWAY_NAMESPACE} (default-deny: the proxies run in the implementation's namespace).
 * The per-tenant HTTPRoute or Ingress belongs to the tenant (tenant/to-tenant-route.ts).
 */
export class Edge extends Construct {
  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    kubeObject(this, 'issuer', toEdgeIssuer(props));
    if (props.mode !== 'gateway') return;
    kubeObject(this, 'gateway', toGateway(props));
    if (props.httpsRedirect) kubeObject(this, 'https-redirect', toHttpsRedirectRoute(props));
    for (const c of toGatewayCertificates(props)) kubeObject(this, `certificate-${c.metadata?.name}`, c);
    for (const p of baselinePolicies(GATEWAY_NAMESPACE, edgeLabels(props.platformName, 'network-policy')))
      kubeObject(this, `policy-${p.metadata?.name}`, p);
  }
}
