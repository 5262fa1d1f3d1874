import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../src/cli/repo-paths.js';
import { type PlatformConfig, validatePlatformConfig } from '../src/config/index.js';
import { resolveTenant, type TenantSpec } from '../src/tenant/index.js';

/** The default platform config as raw data, for tests that tweak it. */
export function rawDefaultConfig(): Record<string, unknown> & { tenants: Array<Record<string, unknown>> } {
  return parse(readFileSync(DEFAULT_CONFIG, 'utf8'));
}

/** The default config, validated. */
export function defaultConfig(): PlatformConfig {
  return validatePlatformConfig(rawDefaultConfig());
}

/** tenant-a resolved against the kind profile (or another tenant/profile). */
export function tenantSpec(overrides: Record<string, unknown> = {}, profile: 'kind' | 'eks' = 'kind'): TenantSpec {
  const raw = rawDefaultConfig();
  raw.tenants = [{ ...raw.tenants[0], ...overrides }];
  const config = validatePlatformConfig(raw);
  const tenant = config.tenants[0];
  const profileConfig = config.profiles[profile];
  if (!tenant || !profileConfig) throw new Error('default config lacks tenant-a or the profile');
  return resolveTenant(config.platform, profileConfig, tenant);
}
