import { Construct } from 'constructs';
import { kubeObject } from '../manifest/kube-object.js';
import type { TenantSpec } from './tenant-spec.js';
import { toLimitRange, toResourceQuota } from './to-quota.js';

/** Props of {@link TenantQuota}: the resolved tenant. */
export interface TenantQuotaProps extends TenantSpec {}

/** ResourceQuota and LimitRange of a tenant's namespace. */
export class TenantQuota extends Construct {
  constructor(scope: Construct, id: string, props: TenantQuotaProps) {
    super(scope, id);
    kubeObject(this, 'quota', toResourceQuota(props));
    kubeObject(this, 'limit-range', toLimitRange(props));
  }
}
