import { z } from 'zod';
import { tolerationSchema } from './scheduling-schema.js';

/** The label the GPU node groups carry (eksctl `labels`, the Karpenter NodePool template), selected by GPU pods. */
export const GPU_NODE_LABEL = 'mlops.platform/gpu';
/** The taint that keeps CPU pods off GPU nodes; GPU pods tolerate it. */
export const GPU_TAINT_KEY = 'nvidia.com/gpu';

/** The extended resources a tenant may ask for; the NVIDIA device plugin advertises `nvidia.com/gpu`. */
export const ACCELERATOR_TYPES = ['nvidia.com/gpu'] as const;

/** A tenant's accelerator: GPUs per pod, and where GPU pods may run (defaults from the profile's `gpu.nodes`). */
export const acceleratorSchema = z.strictObject({
  type: z.enum(ACCELERATOR_TYPES, { error: `is not a known accelerator; allowed: ${ACCELERATOR_TYPES.join(', ')}` }),
  count: z.number().int().min(1).max(8).default(1),
  /** Where this tenant's GPU pods may run. @default - the profile's `gpu.nodeSelector` */
  nodeSelector: z.record(z.string(), z.string()).optional(),
  /** Tolerations of this tenant's GPU pods. @default - the profile's `gpu.tolerations` */
  tolerations: z.array(tolerationSchema).optional(),
  /** Scale on this PromQL (per pod average) instead of CPU; CPU stays as the fallback trigger. @default - queue depth */
  scaleOn: z
    .strictObject({
      query: z.string().min(1),
      threshold: z.number().positive(),
    })
    .optional(),
});

/** The GPU nodes of a profile: without them, a GPU tenant is refused. */
export const gpuNodesSchema = z.strictObject({
  /** Labels of the GPU nodes, put on GPU pods as nodeSelector. */
  nodeSelector: z.record(z.string(), z.string()).default({ [GPU_NODE_LABEL]: 'true' }),
  /** Taints of the GPU nodes, tolerated by GPU pods. */
  tolerations: z.array(tolerationSchema).default([{ key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }]),
  /** Namespace of the KEDA operator (Helm chart `kedacore/keda`): admitted to the standalone Prometheus on 9090. */
  kedaNamespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .default('keda'),
  /** Prometheus that KEDA queries for the GPU tenants' scaling metric. */
  prometheusUrl: z.url().default('http://prometheus.monitoring.svc.cluster.local:9090'),
  /** Synthesize a Karpenter NodePool + EC2NodeClass for GPU nodes. @default - none (node groups by eksctl or Cluster Autoscaler) */
  karpenter: z
    .strictObject({
      /** IAM role of the nodes (the Karpenter node role), e.g. "KarpenterNodeRole-<cluster>". */
      nodeRole: z.string().min(1),
      /** Value of the `karpenter.sh/discovery` tag on the cluster's subnets and security groups. */
      discoveryTag: z.string().min(1),
      instanceFamilies: z
        .array(z.string().regex(/^[a-z0-9]+$/))
        .min(1)
        .default(['g5', 'g6']),
      amiAlias: z
        .string()
        .regex(/^[a-z0-9]+@[\w.-]+$/)
        .default('al2023@latest'),
      /** Most GPUs the pool may run at once: the cost ceiling. */
      gpuLimit: z.number().int().min(1).default(8),
    })
    .optional(),
});

export type AcceleratorConfig = z.output<typeof acceleratorSchema>;
export type GpuNodesConfig = z.output<typeof gpuNodesSchema>;
