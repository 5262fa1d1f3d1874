import { validatePlatformConfig } from '../../src/config/index.js';
import type { Manifest } from '../../src/manifest/manifest.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { rawDefaultConfig } from '../fixtures.js';

type Raw = ReturnType<typeof rawDefaultConfig> & { profiles: Record<string, Record<string, unknown>> };

/** The default config with `count` tenants (tenant-1..n) and a changed profile, validated. */
export function configWith(count: number, profile: (p: Record<string, unknown>) => void = () => {}) {
  const raw = rawDefaultConfig() as Raw;
  const template = raw.tenants[0]!;
  raw.tenants = Array.from({ length: count }, (_, i) => ({ ...template, name: `tenant-${i + 1}` }));
  profile(raw.profiles.kind!);
  return validatePlatformConfig(raw);
}

/** The objects of dist/kind/30-monitoring.yaml for a config. */
export function monitoringObjects(config: ReturnType<typeof configWith>): Manifest[] {
  return synthesizeProfile(config, 'kind').find((f) => f.name === '30-monitoring.yaml')!.documents as Manifest[];
}

/** One object by kind and name, failing loudly when missing. */
export function find(objects: readonly Manifest[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}
