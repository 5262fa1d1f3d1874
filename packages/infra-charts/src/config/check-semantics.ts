import { checkAlerting } from './check-alerting.js';
import { checkProductionRules } from './check-production-rules.js';
import { checkRouting } from './check-routing.js';
import type { ProfileConfig, Resources, TenantConfig } from './platform-config-schema.js';
import { parseQuantity } from './quantity.js';

/** One problem in a config, located by its path, with the value received and how to fix it. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
  /** 1-based line of the path in the YAML file, when known. @default unknown */
  readonly line?: number;
  /** @default unknown */
  readonly column?: number;
}

/** Rules that span fields, which a per-field schema cannot express; pure, so they are table-tested. */
export function checkSemantics(
  tenants: ReadonlyArray<{ readonly index: number; readonly tenant: TenantConfig }>,
  profiles: ReadonlyArray<{ readonly name: string; readonly profile: ProfileConfig }>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const firstIndex = new Map<string, number>();
  for (const { index, tenant } of tenants) {
    const seen = firstIndex.get(tenant.name);
    if (seen !== undefined) {
      problems.push({
        path: `tenants[${index}].name`,
        message: `"${tenant.name}" duplicates tenants[${seen}].name; every tenant needs its own name`,
      });
    } else firstIndex.set(tenant.name, index);
    const { min, max } = tenant.replicas;
    if (min > max) {
      problems.push({
        path: `tenants[${index}].replicas`,
        message: `min ${min} is above max ${max}; set replicas.min <= replicas.max`,
      });
    }
    if (tenant.resources) problems.push(...checkResources(`tenants[${index}].resources`, tenant.resources));
    for (const { name, profile } of profiles) {
      const resources = tenant.resources ?? profile.tenantDefaults.resources;
      const quota = tenant.quota ?? profile.tenantDefaults.quota;
      const where = tenant.quota ? `tenants[${index}].quota` : `profiles.${name}.tenantDefaults.quota`;
      problems.push(...checkQuotaFits(where, `tenant "${tenant.name}" in profile ${name}`, max, resources, quota));
    }
  }
  for (const { name, profile } of profiles) {
    problems.push(...checkResources(`profiles.${name}.tenantDefaults.resources`, profile.tenantDefaults.resources));
    problems.push(...checkAlerting(`profiles.${name}.monitoring.alerting`, profile.monitoring.alerting, tenants));
  }
  problems.push(...checkProductionRules(tenants, profiles));
  problems.push(...checkRouting(tenants, profiles));
  return problems;
}

function checkResources(path: string, resources: Resources): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const kind of ['cpu', 'memory'] as const) {
    const request = parseQuantity(resources.requests[kind]) ?? 0;
    const limit = parseQuantity(resources.limits[kind]) ?? 0;
    for (const [side, value, text] of [
      ['requests', request, resources.requests[kind]],
      ['limits', limit, resources.limits[kind]],
    ] as const) {
      if (value <= 0)
        problems.push({ path: `${path}.${side}.${kind}`, message: `"${text}" must be greater than zero` });
    }
    if (limit > 0 && request > limit) {
      problems.push({
        path: `${path}.limits.${kind}`,
        message: `"${resources.limits[kind]}" is below requests.${kind} "${resources.requests[kind]}"; raise the limit or lower the request`,
      });
    }
  }
  return problems;
}

/** The quota must hold max replicas plus one rolling-update surge pod, or the HPA can never reach max. */
function checkQuotaFits(
  path: string,
  who: string,
  maxReplicas: number,
  resources: Resources,
  quota: TenantConfig['quota'] & object,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const pods = maxReplicas + 1;
  if (quota.pods < pods) {
    problems.push({
      path: `${path}.pods`,
      message: `${quota.pods} cannot hold ${who}: replicas.max ${maxReplicas} + 1 surge pod = ${pods}; raise quota.pods to at least ${pods}`,
    });
  }
  for (const kind of ['cpu', 'memory'] as const) {
    const need = (parseQuantity(resources.limits[kind]) ?? 0) * pods;
    const have = parseQuantity(quota[kind]) ?? 0;
    if (have > 0 && need > have) {
      problems.push({
        path: `${path}.${kind}`,
        message: `"${quota[kind]}" cannot hold ${who}: ${pods} pods x limits.${kind} "${resources.limits[kind]}"; raise quota.${kind} or lower replicas.max`,
      });
    }
  }
  return problems;
}
