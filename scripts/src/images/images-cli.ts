#!/usr/bin/env node
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPlatformConfig, PROFILE_NAMES, type ProfileName } from '@mlops/infra-charts';
import { checkPrerequisites } from '../cluster/prerequisites.js';
import { buildBaseImage, readBaseImage } from './base-image.js';
import { buildAllImages } from './build-all-images.js';
import { toApiNodeOptions, toDockerLimits, toImageSpecs } from './image-specs.js';
import { testImages } from './image-test/test-images.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
const HELP = `Usage: pnpm images:<base|stage|build|test|repository> [options]

  base    build a local stand-in for the Dockerfile's base image (node:<version>-bookworm-slim) on hosts
          without Docker Hub: Debian bookworm by debootstrap (root) + Node.js from the npm registry, docker import.
          --force          rebuild even if the tag exists
          --mirror <url>   Debian mirror (default http://deb.debian.org/debian)
  stage   prepare each image's build context in .images/stage/<image> (pnpm deploy --prod, compiled, pruned)
  build   stage, then docker build both images with the one Dockerfile; prints their sizes
          --base-image <ref>  build FROM this instead of the Dockerfile's pinned base
          --with-gpu          stage/build also inference-api-gpu (its stage downloads libtensorflow, amd64 only)
  repository  print the repository the profile deploys an image from (images.yml pushes there)
          --image <name>      inference-api, inference-api-gpu or model-trainer
  test    run the built images under the manifests' constraints against an S3 server container; removes
          every container and network it made, also on failure

  --profile <name>   the platform profile whose image tags and limits apply (default kind; ${PROFILE_NAMES.join(', ')})
  --config <file>    the platform config (default platform.config.yaml)
  -h, --help         show this help

The air-gapped path: pnpm images:base && pnpm images:build && pnpm images:test (docs/ci-cd.md).`;

const log = (line: string) => console.log(`images: ${line}`);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      force: { type: 'boolean' },
      mirror: { type: 'string' },
      'base-image': { type: 'string' },
      'with-gpu': { type: 'boolean' },
      image: { type: 'string' },
      profile: { type: 'string', default: 'kind' },
      config: { type: 'string', default: join(REPO, 'platform.config.yaml') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(HELP);
    return values.help ? 0 : 2;
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
  const config = loadPlatformConfig(resolve(values.config));
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
      apiEnv: [`NODE_OPTIONS=${toApiNodeOptions(config, profile)}`],
      repo: REPO,
      log,
    });
    return ok ? 0 : 1;
  }
  console.error(`images: unknown command "${command}"; use base, stage, build, test or repository\n\n${HELP}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`images: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
