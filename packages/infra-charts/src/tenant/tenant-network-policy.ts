import { Construct } from 'constructs';
import { addManifests } from '../manifest/kube-object.js';
import type { WorkloadRef } from '../manifest/workload-ref.js';
import type { TenantSpec } from './tenant-spec.js';
import { toTenantNetworkPolicies } from './to-network-policies.js';

/** Props of {@link TenantNetworkPolicy}. */
export interface TenantNetworkPolicyProps {
  readonly tenant: TenantSpec;
  /** The API workload the allow rules select (its handle, not a copy of its labels). */
  readonly api: WorkloadRef;
}

/** Default-deny plus the few allowed flows; a pod added to the namespace later starts isolated. */
export class TenantNetworkPolicy extends Construct {
  constructor(scope: Construct, id: string, props: TenantNetworkPolicyProps) {
    super(scope, id);
    if (props.api.namespace !== props.tenant.name)
      throw new Error(
        `TenantNetworkPolicy of tenant ${props.tenant.name}: ${props.api.kind} ${props.api.namespace}/${props.api.name} is in another namespace; policies select pods of their own namespace only`,
      );
    addManifests(this, toTenantNetworkPolicies(props.tenant, props.api));
  }
}
