import { z } from 'zod';
import { DNS1123_SUBDOMAIN } from './names.js';

const labelKey = z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, {
  error: 'must be a label key like "karpenter.sh/nodepool" or "node.kubernetes.io/instance-type"',
});
const labelValue = z.string().regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, {
  error: 'must be a label value (at most 63 letters, digits, "-", "_", ".")',
});

/** A pod toleration, as in the Kubernetes API. */
export const tolerationSchema = z.strictObject({
  /** @default - none: with operator Exists, tolerates every taint */
  key: labelKey.optional(),
  operator: z.enum(['Equal', 'Exists']).default('Equal'),
  /** @default - none */
  value: labelValue.optional(),
  /** @default - none: every effect */
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  /** @default - none: tolerated forever */
  tolerationSeconds: z.number().int().min(0).optional(),
});

/** `DoNotSchedule` refuses to place a pod that would unbalance the spread; `off` emits no constraint. */
const spreadMode = z.enum(['DoNotSchedule', 'ScheduleAnyway', 'off']);

/** Node affinity terms (required or preferred), a subset of the Kubernetes API kept to what is typed here. */
const requirement = z.strictObject({
  key: labelKey,
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  /** @default - none (Exists, DoesNotExist) */
  values: z.array(z.string()).optional(),
});

/** Where and how pods are placed; every field is optional so a tenant overrides only what it names. */
export const schedulingSchema = z.strictObject({
  /** Spread across zones (`topology.kubernetes.io/zone`). @default 'off' */
  zoneSpread: spreadMode.optional(),
  /** Spread across nodes (`kubernetes.io/hostname`). @default 'ScheduleAnyway' */
  hostnameSpread: spreadMode.optional(),
  /** The zones the cluster's nodes run in: zone spread needs at least two. @default - none */
  zones: z.array(z.string().min(1)).optional(),
  /** @default - none: the cluster's default priority */
  priorityClassName: z.string().regex(DNS1123_SUBDOMAIN, { error: 'must be a PriorityClass name' }).optional(),
  /** Merged over the profile's. @default {} */
  nodeSelector: z.record(labelKey, labelValue).optional(),
  /** Replace the profile's when set. @default [] */
  tolerations: z.array(tolerationSchema).optional(),
  /** @default - none */
  nodeAffinity: z
    .strictObject({
      /** @default [] */
      required: z.array(requirement).optional(),
      /** @default [] */
      preferred: z.array(z.strictObject({ weight: z.number().int().min(1).max(100), match: requirement })).optional(),
    })
    .optional(),
});

/** Voluntary-disruption budget of a tenant; exactly one of the two. @default - computed from replicas */
export const disruptionSchema = z.union([
  z.strictObject({ maxUnavailable: z.number().int().min(0) }),
  z.strictObject({ minAvailable: z.number().int().min(0) }),
]);

export type SchedulingConfig = z.output<typeof schedulingSchema>;
export type Toleration = z.output<typeof tolerationSchema>;
export type DisruptionConfig = z.output<typeof disruptionSchema>;
