import { Construct } from 'constructs';
import { kubeObject } from '../manifest/kube-object.js';
import type { TenantSpec } from './tenant-spec.js';
import { toTenantNetworkPolicies } from './to-network-policies.js';

/** Props of {@link TenantNetworkPolicy}: the resolved tenant. */
export interface TenantNetworkPolicyProps extends TenantSpec {}

/** Default-deny plus the few allowed flows; a pod added to the namespace later starts isolated. */
export class TenantNetworkPolicy extends Construct {
  constructor(scope: Construct, id: string, props: TenantNetworkPolicyProps) {
    super(scope, id);
    for (const policy of toTenantNetworkPolicies(props)) kubeObject(this, policy.metadata?.name ?? '', policy);
  }
}
