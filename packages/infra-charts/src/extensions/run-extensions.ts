import { Construct } from 'constructs';
import type { ProfileName } from '../config/index.js';
import type { Tenant } from '../tenant/tenant.js';
import type { PlatformExtension, ProfileContext, TenantContext } from './platform-extension.js';

/** Runs every extension's tenant hook in a scope of its own under the tenant, with the tenant's typed handles. */
export function extendTenant(tenant: Tenant, profile: ProfileName, extensions: readonly PlatformExtension[]): void {
  const context: TenantContext = {
    spec: tenant.spec,
    profile,
    api: { deployment: tenant.api.deployment, service: tenant.api.service },
  };
  for (const e of extensions)
    if (e.tenant) runHook(tenant, e, `tenant ${tenant.spec.name}`, (scope) => e.tenant?.(scope, context));
}

/** Runs every extension's profile hook in a scope of its own under `parent` (the profile-level extensions chart). */
export function extendProfile(parent: Construct, context: ProfileContext, extensions: readonly PlatformExtension[]) {
  for (const e of extensions)
    if (e.profile) runHook(parent, e, `profile ${context.name}`, (scope) => e.profile?.(scope, context));
}

/** Calls one hook in `extension-<name>`; a throwing hook fails synth naming the extension and where, cause kept. */
function runHook(parent: Construct, extension: PlatformExtension, where: string, hook: (scope: Construct) => void) {
  const scope = new Construct(parent, `extension-${extension.name}`);
  try {
    hook(scope);
  } catch (error) {
    throw new Error(
      `extension "${extension.name}" failed for ${where}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
