import { ADDON_IMAGES } from '../addon-images.js';
import type { ConfigProblem } from './check-semantics.js';
import type { ProfileConfig, TenantConfig } from './platform-config-schema.js';

/** The training Job's role is `<roleArnPrefix>model-trainer`: a tenant of that name would share it. */
const TRAINER_ROLE_SUFFIX = 'model-trainer';

type Tenants = ReadonlyArray<{ readonly index: number; readonly tenant: TenantConfig }>;
type Profiles = ReadonlyArray<{ readonly name: string; readonly profile: ProfileConfig }>;

/** Production rules across fields: GPU nodes, zone spread, disruption budgets, add-on images. */
export function checkProductionRules(tenants: Tenants, profiles: Profiles): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { name, profile } of profiles) {
    problems.push(...checkZones(`profiles.${name}.scheduling`, profile.scheduling, undefined));
    if (profile.objectStorage.type === 's3')
      for (const [field, cidrs] of Object.entries(profile.objectStorage.irsaEgress))
        cidrs.forEach((cidr, i) => {
          if (cidr.endsWith('/0'))
            problems.push({
              path: `profiles.${name}.objectStorage.irsaEgress.${field}[${i}]`,
              message: `"${cidr}" opens 443 to the whole internet; allowed: the STS/S3 VPC endpoint subnets or addresses, or the S3 prefix-list CIDRs (docs/deploy-eks.md, step 3)`,
            });
        });
    const known = Object.keys(ADDON_IMAGES);
    for (const addon of Object.keys(profile.addonImages.overrides).filter((a) => !known.includes(a)))
      problems.push({
        path: `profiles.${name}.addonImages.overrides.${addon}`,
        message: `"${addon}" is not a platform add-on image; allowed: ${known.join(', ')}`,
      });
  }
  for (const { index, tenant } of tenants) {
    const at = `tenants[${index}]`;
    const trains = profiles.filter((p) => p.profile.objectStorage.type === 's3' && p.profile.objectStorage.training);
    for (const { name } of trains.filter(() => tenant.name === TRAINER_ROLE_SUFFIX))
      problems.push({
        path: `${at}.name`,
        message: `"${tenant.name}" would share the IAM role of the training Job of profile ${name} (<roleArnPrefix>${TRAINER_ROLE_SUFFIX}); choose another tenant name`,
      });
    problems.push(...checkDisruption(at, tenant));
    for (const { name, profile } of profiles) {
      const zones = tenant.scheduling?.zones ?? profile.scheduling.zones;
      const mode = tenant.scheduling?.zoneSpread ?? profile.scheduling.zoneSpread;
      if (tenant.scheduling?.zoneSpread !== undefined || tenant.scheduling?.zones !== undefined)
        problems.push(...checkZones(`${at}.scheduling`, { zoneSpread: mode, zones }, name));
      if (tenant.accelerator) problems.push(...checkAccelerator(at, tenant, name, profile));
    }
  }
  return problems;
}

function checkZones(
  path: string,
  s: { readonly zoneSpread?: string | undefined; readonly zones?: readonly string[] | undefined },
  profile: string | undefined,
): ConfigProblem[] {
  const where = profile ? ` in profile ${profile}` : '';
  if (s.zoneSpread === undefined || s.zoneSpread === 'off') return [];
  if (s.zones === undefined && s.zoneSpread === 'DoNotSchedule')
    return [
      {
        path: `${path}.zones`,
        message: `is missing${where}: zoneSpread DoNotSchedule needs the cluster's zones declared (at least 2), e.g. zones: [eu-west-1a, eu-west-1b]`,
      },
    ];
  if (s.zones !== undefined && new Set(s.zones).size < 2)
    return [
      {
        path: `${path}.zones`,
        message: `${JSON.stringify(s.zones)} declares ${new Set(s.zones).size} zone${where}: zone spread (${s.zoneSpread}) needs at least 2; declare the other zones or set zoneSpread: off`,
      },
    ];
  return [];
}

/** A PDB that can never allow an eviction blocks every node drain; refuse it. */
function checkDisruption(at: string, tenant: TenantConfig): ConfigProblem[] {
  const d = tenant.disruption;
  const { min, max } = tenant.replicas;
  if (!d) return [];
  if ('maxUnavailable' in d && d.maxUnavailable === 0)
    return [
      {
        path: `${at}.disruption.maxUnavailable`,
        message:
          '0 never allows an eviction: every node drain would block; use 1 (or remove disruption for the default)',
      },
    ];
  if ('minAvailable' in d && d.minAvailable > max)
    return [
      {
        path: `${at}.disruption.minAvailable`,
        message: `${d.minAvailable} can never be satisfied: replicas.max is ${max}; use at most ${Math.max(0, min - 1)} or maxUnavailable: 1`,
      },
    ];
  if ('minAvailable' in d && d.minAvailable >= min)
    return [
      {
        path: `${at}.disruption.minAvailable`,
        message: `${d.minAvailable} blocks every drain while the tenant runs replicas.min ${min} pods; use at most ${Math.max(0, min - 1)} or maxUnavailable: 1`,
      },
    ];
  return [];
}

function checkAccelerator(at: string, tenant: TenantConfig, name: string, profile: ProfileConfig): ConfigProblem[] {
  const a = tenant.accelerator;
  if (!a) return [];
  if (!profile.gpu)
    return [
      {
        path: `${at}.accelerator`,
        message: `asks for ${a.type} but profile ${name} declares no GPU nodes; add profiles.${name}.gpu (docs/gpu-autoscaling.md) or remove the accelerator from tenant "${tenant.name}"`,
      },
    ];
  const problems: ConfigProblem[] = [];
  const selector = a.nodeSelector ?? profile.gpu.nodeSelector;
  const tolerations = a.tolerations ?? profile.gpu.tolerations;
  if (Object.keys(selector).length === 0 && tolerations.length === 0)
    problems.push({
      path: `${at}.accelerator`,
      message: `tenant "${tenant.name}" in profile ${name} has neither a nodeSelector nor a toleration for GPU nodes: its pods would land on no GPU node or on CPU nodes; set accelerator.nodeSelector/tolerations or profiles.${name}.gpu defaults`,
    });
  if (!profile.images.apiGpu && !profile.images.api.tag)
    problems.push({
      path: `profiles.${name}.images.apiGpu`,
      message: `is required for GPU tenants when images.api is pinned by digest only: set { repository, tag and/or digest } of the GPU image`,
    });
  return problems;
}
