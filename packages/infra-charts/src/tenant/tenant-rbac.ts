import { Construct } from 'constructs';
import { kubeObject } from '../manifest/kube-object.js';
import type { TenantSpec } from './tenant-spec.js';
import { toReaderRole, toReaderRoleBinding, toServiceAccount } from './to-rbac.js';

/** Props of {@link TenantRbac}: the resolved tenant. */
export interface TenantRbacProps extends TenantSpec {}

/** The tenant's ServiceAccount with a namespace-scoped, read-only Role bound to it. */
export class TenantRbac extends Construct {
  constructor(scope: Construct, id: string, props: TenantRbacProps) {
    super(scope, id);
    kubeObject(this, 'service-account', toServiceAccount(props));
    kubeObject(this, 'role', toReaderRole(props));
    kubeObject(this, 'role-binding', toReaderRoleBinding(props));
  }
}
