#!/usr/bin/env node
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlatformConfig, PROFILE_NAMES, type ProfileName } from '@mlops/infra-charts';
import { type CliOption, type CliSpec, formatHelp, parseCliOrExit } from '@mlops/shared';
import { checkPrerequisites } from '../cluster/prerequisites.js';
import { buildBaseImage, readBaseImage } from './base-image.js';
import { buildAllImages } from './build-all-images.js';
import { toDockerLimits, toImageSpecs } from './image-specs.js';
import { testImages } from './image-test/test-images.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
const IMAGES_CLI = {
  command: 'pnpm images:<base|stage|build|test|repository>',
  usage: '[options]',
  summary: `  base        build a local stand-in for the Dockerfile's base image (node:<version>-bookworm-slim) on hosts
              without Docker Hub: Debian bookworm by debootstrap (root) + Node.js from the npm registry, docker import.
  stage       prepare each image's build context in .images/stage/<image> (pnpm deploy --prod, compiled, pruned)
  build       stage, then docker build both images with the one Dockerfile; prints their sizes
  test        run the built images under the manifests' constraints against an S3 server container; removes
              every container and network it made, also on failure
  repository  print the repository the profile deploys an image from (images.yml pushes there)

The air-gapped path: pnpm images:base && pnpm images:build && pnpm images:test (docs/ci-cd.md).`,
  positionals: [
    { name: '<command>', description: 'base, stage, build, test or repository (the pnpm script names it)' },
  ],
  options: {
    force: { type: 'boolean', description: 'base: rebuild even if the tag exists' },
    mirror: {
      type: 'string',
      placeholder: '<url>',
      description: 'base: Debian mirror',
      defaultText: 'http://deb.debian.org/debian',
    },
    'base-image': {
      type: 'string',
      placeholder: '<ref>',
      description: "build: build FROM this instead of the Dockerfile's pinned base",
    },
    'with-gpu': {
      type: 'boolean',
      description: 'stage/build: also inference-api-gpu (its stage downloads libtensorflow, amd64 only)',
    },
    image: {
      type: 'string',
      placeholder: '<name>',
      description: 'repository: inference-api, inference-api-gpu or model-trainer',
    },
    profile: {
      type: 'string',
      placeholder: '<name>',
      default: 'kind',
      description: `the platform profile whose image tags and limits apply (${PROFILE_NAMES.join(', ')})`,
    },
    config: {
      type: 'string',
      placeholder: '<file>',
      description: 'the platform config',
      defaultText: 'platform.config.yaml',
    },
  },
  examples: [
    'pnpm images:build',
    'pnpm images:build --base-image mlops/node-base:22',
    'pnpm images:repository --profile eks --image inference-api',
  ],
} as const satisfies CliSpec<Record<string, CliOption>>;

const log = (line: string) => console.log(`images: ${line}`);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCliOrExit(IMAGES_CLI, argv);
  const command = positionals[0];
  if (!command) {
    console.error(`images: name a command: base, stage, build, test or repository.\n\n${formatHelp(IMAGES_CLI)}`);
    return 2;
  }
  if (!PROFILE_NAMES.includes(values.profile as ProfileName)) {
    console.error(`images: --profile "${values.profile}" is not a profile; allowed: ${PROFILE_NAMES.join(', ')}`);
    return 2;
  }
  const profile = values.profile as ProfileName;
  const dockerfile = join(REPO, 'Dockerfile');
  const needs = async (tools: readonly string[]) => {
    const { problems } = await checkPrerequisites(15_000, tools);
    if (problems.length > 0) throw new Error(`missing prerequisites:\n  ${problems.join('\n  ')}`);
  };
  if (command === 'base') {
    if (process.getuid?.() !== 0) throw new Error('images:base runs debootstrap, which needs root; run it as root');
    await needs(['docker', 'debootstrap', 'npm']);
    await buildBaseImage({
      base: readBaseImage(dockerfile),
      workDir: join(REPO, '.images/base'),
      ...(values.mirror ? { mirror: values.mirror } : {}),
      force: values.force === true,
      log,
    });
    return 0;
  }
  const config = loadPlatformConfig(resolve(values.config ?? join(REPO, 'platform.config.yaml')));
  const specs = toImageSpecs(config, profile, { gpu: values['with-gpu'] === true || command === 'repository' });
  if (command === 'repository') {
    const spec = specs.find((s) => s.name === values.image);
    if (!spec) {
      console.error(
        `images: --image "${values.image ?? ''}" is not an image; allowed: ${specs.map((s) => s.name).join(', ')}`,
      );
      return 2;
    }
    console.log(spec.tag.slice(0, spec.tag.lastIndexOf(':')));
    return 0;
  }
  if (command === 'stage' || command === 'build') {
    if (command === 'build') await needs(['docker']);
    await buildAllImages(specs, {
      repo: REPO,
      stageOnly: command === 'stage',
      ...(values['base-image'] ? { baseImage: values['base-image'] } : {}),
      log,
    });
    return 0;
  }
  if (command === 'test') {
    await needs(['docker']);
    const ok = await testImages({
      specs,
      limits: toDockerLimits(config, profile),
      repo: REPO,
      log,
    });
    return ok ? 0 : 1;
  }
  console.error(
    `images: unknown command "${command}"; use base, stage, build, test or repository\n\n${formatHelp(IMAGES_CLI)}`,
  );
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`images: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
