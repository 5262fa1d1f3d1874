import { runCommand, succeeds } from '../process/run-command.js';
import { formatMegabytes } from './dir-size.js';
import type { StagedImage } from './stage-image.js';

const MINUTE = 60_000;

/** Options of {@link buildImage}. */
export interface BuildOptions {
  readonly dockerfile: string;
  /** Overrides the Dockerfile's pinned base image. @default - the Dockerfile's `ARG BASE_IMAGE` */
  readonly baseImage?: string;
  /** The commit the image is built from, for its `org.opencontainers.image.revision` label. */
  readonly revision: string;
  readonly log: (line: string) => void;
}

/** A built image and its size. */
export interface BuiltImage {
  readonly tag: string;
  readonly bytes: number;
}

/**
 * The environment for `docker build`: without the buildx plugin (Debian's docker.io) the classic builder is
 * chosen explicitly, since recent clients otherwise refuse to build; with buildx, BuildKit as usual.
 */
export async function dockerBuildEnv(): Promise<Record<string, string>> {
  return (await succeeds('docker', ['buildx', 'version'], MINUTE)) ? {} : { DOCKER_BUILDKIT: '0' };
}

/** `docker build` of one staged context with the one Dockerfile, its stage named after the image; returns the size. */
export async function buildImage(staged: StagedImage, options: BuildOptions): Promise<BuiltImage> {
  const { spec } = staged;
  const version = spec.tag.slice(spec.tag.lastIndexOf(':') + 1);
  const args = [
    'build',
    '--file',
    options.dockerfile,
    '--tag',
    spec.tag,
    '--target',
    spec.name,
    ...(options.baseImage ? ['--build-arg', `BASE_IMAGE=${options.baseImage}`] : []),
    ...['--build-arg', `IMAGE_TITLE=${spec.name}`],
    ...['--build-arg', `IMAGE_DESCRIPTION=${spec.description}`],
    ...['--build-arg', `IMAGE_VERSION=${version}`],
    ...['--build-arg', `IMAGE_REVISION=${options.revision}`],
    staged.context,
  ];
  await runCommand('docker', args, { timeoutMs: 20 * MINUTE, env: await dockerBuildEnv() });
  const { stdout } = await runCommand('docker', ['image', 'inspect', '--format', '{{.Size}}', spec.tag], {
    timeoutMs: MINUTE,
  });
  const bytes = Number(stdout);
  options.log(`${spec.tag}: ${formatMegabytes(bytes)}`);
  return { tag: spec.tag, bytes };
}
