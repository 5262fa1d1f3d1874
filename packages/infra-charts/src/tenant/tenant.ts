import { Construct } from 'constructs';
import { addManifests } from '../manifest/kube-object.js';
import { InferenceApi } from './inference-api.js';
import { TenantNetworkPolicy } from './tenant-network-policy.js';
import type { TenantSpec } from './tenant-spec.js';
import { toLimitRange, toResourceQuota } from './to-quota.js';
import { toReaderRole, toReaderRoleBinding, toServiceAccount } from './to-rbac.js';
import { toTenantRoute } from './to-tenant-route.js';

/** Props of {@link Tenant}: the resolved tenant. */
export interface TenantProps extends TenantSpec {}

/**
 * Everything a tenant gets inside its namespace (the Namespace itself is applied first, elsewhere): identity, quota,
 * the API, NetworkPolicies given the API workload, and its route. Extensions receive this construct and its handles.
 */
export class Tenant extends Construct {
  /** The resolved tenant. */
  readonly spec: TenantSpec;
  /** The inference API and its typed handles (Deployment, Service). */
  readonly api: InferenceApi;
  constructor(scope: Construct, id: string, props: TenantProps) {
    super(scope, id);
    this.spec = props;
    addManifests(this, [toServiceAccount(props), toReaderRole(props), toReaderRoleBinding(props)]);
    addManifests(this, [toResourceQuota(props), toLimitRange(props)]);
    // Built before the policies so that they can be given the workload; emitted in the same order as before.
    const network = new Construct(this, 'network');
    this.api = new InferenceApi(this, 'api', props);
    new TenantNetworkPolicy(network, 'policies', { tenant: props, api: this.api.deployment });
    if (props.route) addManifests(this, [toTenantRoute(props, props.route)]);
  }
}
