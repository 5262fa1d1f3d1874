import { join } from 'node:path';
import { runCommand } from '../process/run-command.js';
import { runStep } from '../process/run-step.js';
import { type BuiltImage, buildImage } from './build-image.js';
import { requireStage } from './dockerfile-stages.js';
import type { ImageSpec } from './image-specs.js';
import { stageImage } from './stage-image.js';

/** Options of {@link buildAllImages}. */
export interface BuildAllOptions {
  readonly repo: string;
  /** Only prepare the build contexts. @default false */
  readonly stageOnly?: boolean;
  /** @default - the Dockerfile's pinned base image */
  readonly baseImage?: string;
  readonly log: (line: string) => void;
}

/** `pnpm images:build` (and the image step of `pnpm cluster up`): stage each image, then build it. */
export async function buildAllImages(specs: readonly ImageSpec[], options: BuildAllOptions): Promise<BuiltImage[]> {
  const revision = (await runCommand('git', ['rev-parse', 'HEAD'], { timeoutMs: 30_000, cwd: options.repo })).stdout;
  const dockerfile = join(options.repo, 'Dockerfile');
  // Before any slow staging: every image needs its stage in the Dockerfile (built with --target <image>).
  for (const spec of specs) requireStage(dockerfile, spec.name);
  const built: BuiltImage[] = [];
  for (const spec of specs) {
    const staged = await runStep(options, `stage ${spec.name}`, () =>
      stageImage(spec, { repo: options.repo, stageRoot: join(options.repo, '.images/stage'), log: options.log }),
    );
    if (options.stageOnly) continue;
    built.push(
      await runStep(options, `docker build ${spec.tag}`, () =>
        buildImage(staged, {
          dockerfile,
          revision,
          ...(options.baseImage ? { baseImage: options.baseImage } : {}),
          log: options.log,
        }),
      ),
    );
  }
  return built;
}
