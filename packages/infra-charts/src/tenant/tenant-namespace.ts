import { Construct } from 'constructs';
import { kubeObject } from '../manifest/kube-object.js';
import type { ManifestObject } from '../manifest/manifest-object.js';
import type { TenantSpec } from './tenant-spec.js';
import { toTenantNamespace } from './to-namespace.js';

/** Props of {@link TenantNamespace}: the resolved tenant. */
export interface TenantNamespaceProps extends TenantSpec {}

/** A tenant's Namespace; lives in the namespaces chart so that namespaces are applied first. */
export class TenantNamespace extends Construct {
  readonly namespace: ManifestObject;
  constructor(scope: Construct, id: string, props: TenantNamespaceProps) {
    super(scope, id);
    this.namespace = kubeObject(this, 'namespace', toTenantNamespace(props));
  }
}
