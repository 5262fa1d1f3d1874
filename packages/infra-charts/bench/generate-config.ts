import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../src/cli/repo-paths.js';

/** The name of the i-th generated tenant: zero-padded so files and reports sort in tenant order. */
export const generatedTenantName = (i: number): string => `tenant-${String(i).padStart(4, '0')}`;

/**
 * The default platform config (its profiles, platform block) with `n` generated tenants of one shape: what the
 * synth benchmark and the scale tests synthesize. Raw data, as a user would write it: validation is the loader's job.
 */
export function generateConfig(n: number): Record<string, unknown> & { tenants: Array<Record<string, unknown>> } {
  const base = parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, unknown>;
  const tenants = Array.from({ length: n }, (_, i) => ({
    name: generatedTenantName(i),
    replicas: { min: 2, max: 10 },
    cpuTargetUtilization: 50,
    model: { name: 'sentiment', version: 'latest' },
  }));
  return { ...base, tenants };
}

/** Writes {@link generateConfig}(n) as `config-<n>.json` under `dir` and returns its path, for `synthesize()`. */
export function writeGeneratedConfig(dir: string, n: number): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `config-${n}.json`);
  writeFileSync(file, JSON.stringify(generateConfig(n)));
  return file;
}
