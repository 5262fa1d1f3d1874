import { Construct } from 'constructs';
import { kubeObject } from '../manifest/kube-object.js';
import { InferenceApi } from './inference-api.js';
import { TenantNetworkPolicy } from './tenant-network-policy.js';
import { TenantQuota } from './tenant-quota.js';
import { TenantRbac } from './tenant-rbac.js';
import type { TenantSpec } from './tenant-spec.js';
import { toTenantRoute } from './to-tenant-route.js';

/** Props of {@link Tenant}: the resolved tenant. */
export interface TenantProps extends TenantSpec {}

/** Everything a tenant gets inside its namespace (the Namespace itself is applied first, elsewhere), its route too. */
export class Tenant extends Construct {
  constructor(scope: Construct, id: string, props: TenantProps) {
    super(scope, id);
    new TenantRbac(this, 'rbac', props);
    new TenantQuota(this, 'quota', props);
    new TenantNetworkPolicy(this, 'network', props);
    new InferenceApi(this, 'api', props);
    if (props.route) kubeObject(this, 'route', toTenantRoute(props, props.route));
  }
}
