import type { Construct } from 'constructs';
import type { PlatformConfig, ProfileConfig, ProfileName } from '../config/index.js';
import type { ServiceRef, WorkloadRef } from '../manifest/workload-ref.js';
import type { TenantSpec } from '../tenant/tenant-spec.js';

/** What a per-tenant hook is told about the tenant whose construct scope it receives. */
export interface TenantContext {
  /** The tenant resolved against the profile (name = namespace, images, resources, placement...). */
  readonly spec: TenantSpec;
  readonly profile: ProfileName;
  /** The tenant's API Deployment and Service, as typed handles. */
  readonly api: { readonly deployment: WorkloadRef; readonly service: ServiceRef };
}

/** What a per-profile hook is told about the profile being synthesized. */
export interface ProfileContext {
  readonly name: ProfileName;
  readonly config: ProfileConfig;
  readonly platform: PlatformConfig['platform'];
  /** Every tenant of the config, resolved against this profile. */
  readonly tenants: readonly TenantSpec[];
}

/**
 * A platform team's addition to every synthesized profile: cdk8s constructs of any origin (cdk8s-plus-28, imported
 * CRD classes, `Include`, plain ApiObjects) added to the scope a hook receives land in dist/ and pass the same
 * guardrails as the platform's own objects. Objects of a tenant hook go to the tenant's file and default to its
 * namespace; objects of a profile hook go to {@link EXTENSIONS_FILE}.
 */
export interface PlatformExtension {
  /** Names the extension in errors and in construct ids (DNS-1123 label). */
  readonly name: string;
  /** Called once per tenant with a scope inside the tenant's chart. @default - no per-tenant objects */
  readonly tenant?: (scope: Construct, tenant: TenantContext) => void;
  /** Called once per profile with a scope in the profile-level extensions chart. @default - no per-profile objects */
  readonly profile?: (scope: Construct, profile: ProfileContext) => void;
}

/** The file a profile hook's objects go to: after the tenants, so they may refer to tenant namespaces. */
export const EXTENSIONS_FILE = '60-extensions.yaml';
