import { findClosestMatch } from '@mlops/shared';
import type { z } from 'zod';
import { type ConfigProblem, checkSemantics } from './check-semantics.js';
import { describeIssue } from './describe-issue.js';
import { knownKeysAt } from './known-keys.js';
import type { YamlPosition } from './locate-in-yaml.js';
import {
  type PlatformConfig,
  PROFILE_NAMES,
  type ProfileConfig,
  platformConfigSchema,
  profileSchema,
  type TenantConfig,
  tenantNameHint,
  tenantSchema,
} from './platform-config-schema.js';

/** Every problem in a config at once, so a user fixes them in one pass. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the platform config:\n` +
        problems
          .map((p) => `  - ${p.path}${p.line ? ` (line ${p.line}, column ${p.column})` : ''} ${p.message}`)
          .join('\n'),
    );
  }
}

/** Validates raw config data (parsed YAML/JSON) and returns the typed config with defaults applied. */
export function validatePlatformConfig(
  raw: unknown,
  source = 'platform config',
  locate?: (path: string) => YamlPosition | undefined,
): PlatformConfig {
  if (raw === null || raw === undefined)
    throw new ConfigError(source, [
      {
        path: '(root)',
        message:
          'is empty; a config needs profiles and tenants: start from platform.config.yaml at the repo root (docs/config.md)',
      },
    ]);
  const parsed = platformConfigSchema.safeParse(raw, { reportInput: true });
  const problems = parsed.success ? [] : parsed.error.issues.flatMap(toProblem);
  problems.push(...checkSemantics(parsedTenants(raw), parsedProfiles(raw)));
  const located = locate ? problems.map((p) => ({ ...p, ...locate(p.path) })) : problems;
  if (problems.length > 0 || !parsed.success) throw new ConfigError(source, dedupe(located));
  return parsed.data;
}

function parsedTenants(raw: unknown): Array<{ index: number; tenant: TenantConfig }> {
  const list = isRecord(raw) && Array.isArray(raw.tenants) ? raw.tenants : [];
  return list.flatMap((item, index) => {
    const result = tenantSchema.safeParse(item);
    return result.success ? [{ index, tenant: result.data }] : [];
  });
}

function parsedProfiles(raw: unknown): Array<{ name: string; profile: ProfileConfig }> {
  const profiles = isRecord(raw) && isRecord(raw.profiles) ? raw.profiles : {};
  return Object.entries(profiles).flatMap(([name, value]) => {
    const result = profileSchema.safeParse(value);
    return result.success ? [{ name, profile: result.data }] : [];
  });
}

function toProblem(issue: z.core.$ZodIssue): ConfigProblem | ConfigProblem[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys' && path === 'profiles') {
    return {
      path,
      message: `has unknown profile ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed: ${PROFILE_NAMES.join(', ')}`,
    };
  }
  if (issue.code === 'unrecognized_keys') {
    // One problem per key, located at the key itself, with the closest allowed name.
    const known = knownKeysAt(platformConfigSchema, issue.path);
    const problems = issue.keys.map((key) => {
      const guess = findClosestMatch(key, known);
      return {
        path: formatPath([...issue.path, key]),
        message: `is not a known field${guess ? ` (did you mean "${guess}"?)` : ''}; remove or rename it. Allowed in ${path}: ${known.join(', ')} (docs/config.md)`,
      };
    });
    return problems;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { path, message: `is required (${issue.expected}); add it (see docs/config.md)` };
  }
  if (issue.code === 'invalid_key') {
    const key = String(issue.input);
    const where = issue.path.at(-1) === issue.input ? path : `${path}.${key}`;
    const inner = issue.issues[0];
    return { path: where, message: `key ${JSON.stringify(key)} ${inner ? describeIssue(inner) : issue.message}` };
  }
  const received = 'input' in issue && issue.input !== undefined ? `${showValue(issue.input)} ` : '';
  const hint = path.endsWith('.name') && path.startsWith('tenants[') ? tenantNameHint(issue.input) : '';
  return { path, message: `${received}${describeIssue(issue)}${hint}` };
}

/** `tenants[2].name`, `profiles.kind.images.api.tag`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path.reduce<string>(
      (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
      '',
    ) || '(root)'
  );
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path} ${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The received value for a message: as JSON, or its size when that would flood the terminal (5,000 tenants). */
function showValue(value: unknown): string {
  const json = JSON.stringify(value);
  if (json.length <= 120) return json;
  return Array.isArray(value) ? `[${value.length} items]` : `${json.slice(0, 100)}…`;
}
