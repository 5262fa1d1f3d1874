import { type PlatformConfig, type ProfileName, parseQuantity, toNodeOptions } from '@mlops/infra-charts';

/** The two images this platform ships. */
export type ImageName = 'inference-api' | 'model-trainer';

/** One image: which workspace package goes in, what runs, and the tag the platform config deploys. */
export interface ImageSpec {
  readonly name: ImageName;
  /** The workspace package, e.g. `@mlops/inference-api`. */
  readonly packageName: string;
  /** The module the container runs, relative to the package, as TypeScript source. */
  readonly entry: string;
  /** `repository:tag` from the platform config. */
  readonly tag: string;
  readonly description: string;
}

const PACKAGES: Readonly<Record<ImageName, Omit<ImageSpec, 'name' | 'tag'>>> = {
  'inference-api': {
    packageName: '@mlops/inference-api',
    entry: 'src/server.ts',
    description: 'Per-tenant sentiment inference API (Express 5, TensorFlow.js)',
  },
  'model-trainer': {
    packageName: '@mlops/model-trainer',
    entry: 'src/cli/train-cli.ts',
    description: 'Trains the sentiment model with TensorFlow.js and publishes it to S3/MinIO or a folder',
  },
};

/** The image specs of one profile, tagged as that profile's manifests reference them (so kind finds them). */
export function toImageSpecs(config: PlatformConfig, profile: ProfileName): readonly ImageSpec[] {
  const images = config.profiles[profile]?.images;
  if (!images) throw new Error(`platform config: profile "${profile}" is not defined; add it under profiles:`);
  const tag = (image: { repository: string; tag: string }) => `${image.repository}:${image.tag}`;
  return [
    { name: 'inference-api', ...PACKAGES['inference-api'], tag: tag(images.api) },
    { name: 'model-trainer', ...PACKAGES['model-trainer'], tag: tag(images.trainer) },
  ];
}

/** The API's NODE_OPTIONS in a profile (its ConfigMap's, sized from the default memory limit). */
export function toApiNodeOptions(config: PlatformConfig, profile: ProfileName): string {
  const limits = config.profiles[profile]?.tenantDefaults.resources.limits;
  if (!limits) throw new Error(`platform config: profile "${profile}" is not defined; add it under profiles:`);
  return toNodeOptions(limits.memory);
}

/** `docker run` flags equal to a profile's default container limits, so a container test meets the pod's budget. */
export function toDockerLimits(config: PlatformConfig, profile: ProfileName): readonly string[] {
  const limits = config.profiles[profile]?.tenantDefaults.resources.limits;
  if (!limits) throw new Error(`platform config: profile "${profile}" is not defined; add it under profiles:`);
  const cpus = parseQuantity(limits.cpu);
  const memory = parseQuantity(limits.memory);
  if (cpus === undefined || memory === undefined)
    throw new Error(`platform config: profile "${profile}" limits ${JSON.stringify(limits)} are not quantities`);
  // Memory in bytes, swap equal to memory (no swap), as a cgroup memory limit behaves in a pod.
  return ['--cpus', String(cpus), '--memory', String(Math.round(memory)), '--memory-swap', String(Math.round(memory))];
}
