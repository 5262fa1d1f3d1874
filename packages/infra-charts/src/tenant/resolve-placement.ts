import { METRICS } from '@mlops/shared/metrics';
import type { DisruptionConfig, ProfileConfig, SchedulingConfig, TenantConfig, Toleration } from '../config/index.js';

/** Where a tenant's pods run, with the profile's defaults and the tenant's overrides merged. */
export interface Placement {
  readonly zoneSpread: 'DoNotSchedule' | 'ScheduleAnyway' | 'off';
  readonly hostnameSpread: 'DoNotSchedule' | 'ScheduleAnyway' | 'off';
  /** @default - none: the cluster's default priority */
  readonly priorityClassName?: string;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
  /** @default - none */
  readonly nodeAffinity?: SchedulingConfig['nodeAffinity'];
}

/** A tenant's GPU request and how its pods scale on the GPU/queue metric. */
export interface AcceleratorSpec {
  readonly type: string;
  readonly count: number;
  /** PromQL the KEDA Prometheus trigger scales on (average per pod). */
  readonly query: string;
  readonly threshold: number;
  readonly prometheusUrl: string;
}

/** Default GPU scaling signal: texts waiting for the model, summed over the tenant's pods (the API's queue gauge). */
export const defaultGpuQuery = (tenant: string) => `sum(${METRICS.queueDepth.name}{tenant="${tenant}"})`;
export const DEFAULT_GPU_QUEUE_THRESHOLD = 8;

/** Profile scheduling + tenant overrides (+ GPU node selection for accelerator tenants). */
export function resolvePlacement(profile: ProfileConfig, tenant: TenantConfig): Placement {
  const base = profile.scheduling;
  const own = tenant.scheduling ?? {};
  const gpu = tenant.accelerator && profile.gpu;
  const nodeSelector = {
    ...base.nodeSelector,
    ...own.nodeSelector,
    ...(gpu ? (tenant.accelerator?.nodeSelector ?? profile.gpu?.nodeSelector) : {}),
  };
  const tolerations = [
    ...(own.tolerations ?? base.tolerations ?? []),
    ...(gpu ? (tenant.accelerator?.tolerations ?? profile.gpu?.tolerations ?? []) : []),
  ];
  const priorityClassName = own.priorityClassName ?? base.priorityClassName;
  const nodeAffinity = own.nodeAffinity ?? base.nodeAffinity;
  return {
    zoneSpread: own.zoneSpread ?? base.zoneSpread ?? 'off',
    hostnameSpread: own.hostnameSpread ?? base.hostnameSpread ?? 'ScheduleAnyway',
    ...(priorityClassName ? { priorityClassName } : {}),
    nodeSelector,
    tolerations,
    ...(nodeAffinity ? { nodeAffinity } : {}),
  };
}

/**
 * The PDB from the replica bounds: `maxUnavailable: 1` by default, so a drain always proceeds (with min 1 a
 * `minAvailable: 1` would block it forever) while a larger tenant keeps all but one pod serving.
 */
export function resolveDisruption(tenant: TenantConfig): DisruptionConfig {
  return tenant.disruption ?? { maxUnavailable: 1 };
}

/** The accelerator of a tenant on a profile with GPU nodes; undefined for CPU tenants. */
export function resolveAccelerator(profile: ProfileConfig, tenant: TenantConfig): AcceleratorSpec | undefined {
  const a = tenant.accelerator;
  if (!a || !profile.gpu) return undefined;
  return {
    type: a.type,
    count: a.count,
    query: a.scaleOn?.query ?? defaultGpuQuery(tenant.name),
    threshold: a.scaleOn?.threshold ?? DEFAULT_GPU_QUEUE_THRESHOLD,
    prometheusUrl: profile.gpu.prometheusUrl,
  };
}
