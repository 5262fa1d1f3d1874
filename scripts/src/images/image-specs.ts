import {
  formatImage,
  gpuImage,
  type ImageConfig,
  type PlatformConfig,
  type ProfileName,
  parseQuantity,
} from '@mlops/infra-charts';

/** The images this platform ships: the API, its GPU variant (built in images.yml only) and the trainer. */
export type ImageName = 'inference-api' | 'inference-api-gpu' | 'model-trainer';

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
  // The same package and entry as the API; its Dockerfile stage puts it on CUDA with GPU libtensorflow.
  'inference-api-gpu': {
    packageName: '@mlops/inference-api',
    entry: 'src/server.ts',
    description: 'Per-tenant sentiment inference API on CUDA (TensorFlow.js with GPU libtensorflow)',
  },
  'model-trainer': {
    packageName: '@mlops/model-trainer',
    entry: 'src/cli/train-cli.ts',
    description: 'Trains the sentiment model with TensorFlow.js and publishes it to S3/MinIO or a folder',
  },
};

/** Options of {@link toImageSpecs}. */
export interface ImageSpecOptions {
  /** Also the GPU variant of the API (its stage downloads libtensorflow: images.yml). @default false */
  readonly gpu?: boolean;
}

/** The image specs of one profile, tagged as that profile's manifests reference them (so kind finds them). */
export function toImageSpecs(
  config: PlatformConfig,
  profile: ProfileName,
  options: ImageSpecOptions = {},
): readonly ImageSpec[] {
  const profileConfig = config.profiles[profile];
  if (!profileConfig) throw new Error(`platform config: profile "${profile}" is not defined; add it under profiles:`);
  const images = profileConfig.images;
  const tag = (field: string, image: ImageConfig) => {
    if (!image.tag)
      throw new Error(
        `platform config: profiles.${profile}.images.${field} is pinned by digest only; a build needs a tag to name the image: add images.${field}.tag`,
      );
    return formatImage({ repository: image.repository, tag: image.tag });
  };
  return [
    { name: 'inference-api', ...PACKAGES['inference-api'], tag: tag('api', images.api) },
    ...(options.gpu
      ? [
          {
            name: 'inference-api-gpu' as const,
            ...PACKAGES['inference-api-gpu'],
            tag: tag('apiGpu', gpuImage(profileConfig)),
          },
        ]
      : []),
    { name: 'model-trainer', ...PACKAGES['model-trainer'], tag: tag('trainer', images.trainer) },
  ];
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
