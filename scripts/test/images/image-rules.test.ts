import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PORT, API_UID, loadPlatformConfig } from '@mlops/infra-charts';
import { API_PROBE_PORT } from '@mlops/shared/contract';
import { importChanges, readBaseImage } from '../../src/images/base-image.js';
import { packageOf } from '../../src/images/bundle-entry.js';
import { readDockerfileStages, requireStage } from '../../src/images/dockerfile-stages.js';
import { toDockerLimits, toImageSpecs } from '../../src/images/image-specs.js';
import { parseMemUsage } from '../../src/images/image-test/container-results.js';
import { checkImageConfig } from '../../src/images/image-test/image-config.js';
import { isBrowserBundle, isDeadFile } from '../../src/images/prune-node-modules.js';

const REPO = new URL('../../../', import.meta.url).pathname;

describe('isDeadFile', () => {
  it.each([
    ['index.js.map', true],
    ['index.d.ts', true],
    ['index.d.mts', true],
    ['schema.ts', true],
    ['README.md', true],
    ['CHANGELOG.markdown', true],
    ['tsconfig.tsbuildinfo', true],
    ['LICENSE.md', false],
    ['LICENCE', false],
    ['NOTICE.md', false],
    ['index.js', false],
    ['index.mjs', false],
    ['package.json', false],
    ['tfjs_binding.node', false],
  ])('%s → %s', (file, dead) => {
    expect(isDeadFile(file)).toBe(dead);
  });
});

describe('isBrowserBundle (TensorFlow.js dist/)', () => {
  it.each([
    ['tf-core.js', 'dist/tf-core.node.js', true],
    ['tf-core.min.js', 'dist/tf-core.node.js', true],
    ['tf-core.es2017.js', 'dist/tf-core.node.js', true],
    ['tf-core.fesm.min.js', 'dist/tf-core.node.js', true],
    ['tf-core.min.js.html', 'dist/tf-core.node.js', true],
    ['tf-core.node.js', 'dist/tf-core.node.js', false],
    ['tf-layers.node.js', undefined, false],
    ['tf-core.js', 'dist/tf-core.js', false],
    ['index.js', 'dist/tf-core.node.js', false],
    ['register_all_gradients.js', 'dist/tf-core.node.js', false],
  ])('%s with main %s → %s', (file, main, bundle) => {
    expect(isBrowserBundle(file, main)).toBe(bundle);
  });
});

describe('packageOf', () => {
  it.each([
    ['@tensorflow/tfjs-core', '@tensorflow/tfjs-core'],
    ['@tensorflow/tfjs-core/dist/register_all_gradients', '@tensorflow/tfjs-core'],
    ['express', 'express'],
    ['zod/mini', 'zod'],
  ])('%s → %s', (specifier, name) => {
    expect(packageOf(specifier)).toBe(name);
  });
});

describe('image specs from the platform config', () => {
  const config = loadPlatformConfig(join(REPO, 'platform.config.yaml'));

  it('tags each image as the profile deploys it', () => {
    expect(toImageSpecs(config, 'kind').map((s) => `${s.name} ${s.packageName} ${s.entry} ${s.tag}`)).toEqual([
      'inference-api @mlops/inference-api src/server.ts mlops/inference-api:0.1.0',
      'model-trainer @mlops/model-trainer src/cli/train-cli.ts mlops/model-trainer:0.1.0',
    ]);
    expect(toImageSpecs(config, 'eks')[0]?.tag).toBe('docker.io/mlopsplatform/inference-api:0.1.0');
  });

  it('adds the GPU variant only when asked, tagged as GPU tenants deploy it', () => {
    expect(toImageSpecs(config, 'eks').map((s) => s.name)).toEqual(['inference-api', 'model-trainer']);
    expect(toImageSpecs(config, 'eks', { gpu: true }).map((s) => `${s.name} ${s.tag}`)).toEqual([
      'inference-api docker.io/mlopsplatform/inference-api:0.1.0',
      'inference-api-gpu docker.io/mlopsplatform/inference-api-gpu:0.1.0',
      'model-trainer docker.io/mlopsplatform/model-trainer:0.1.0',
    ]);
  });

  it.each([
    ['eks', 'inference-api-gpu', 'docker.io/mlopsplatform/inference-api-gpu'],
    ['kind', 'model-trainer', 'mlops/model-trainer'],
  ])(
    'images repository --profile %s --image %s prints the repository images.yml pushes to (real CLI)',
    (profile, image, repository) => {
      const out = execFileSync(
        join(REPO, 'node_modules/.bin/tsx'),
        [join(REPO, 'scripts/src/images/images-cli.ts'), 'repository', '--profile', profile, '--image', image],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(out.trim()).toBe(repository);
    },
  );

  it('refuses to name a build after a digest-only image, saying which tag to add', () => {
    const eks = config.profiles.eks;
    if (!eks) throw new Error('the default config has an eks profile');
    const digestOnly = { repository: 'docker.io/x/api', digest: `sha256:${'c'.repeat(64)}` };
    const profiles = { ...config.profiles, eks: { ...eks, images: { ...eks.images, api: digestOnly } } };
    expect(() => toImageSpecs({ ...config, profiles }, 'eks')).toThrow(
      'platform config: profiles.eks.images.api is pinned by digest only; a build needs a tag to name the image: add images.api.tag',
    );
  });

  it('turns the profile limits into docker run flags (CPUs, memory in bytes, no swap)', () => {
    expect(toDockerLimits(config, 'kind')).toEqual([
      '--cpus',
      '0.5',
      '--memory',
      String(192 * 1024 * 1024),
      '--memory-swap',
      String(192 * 1024 * 1024),
    ]);
    expect(toDockerLimits(config, 'eks').slice(0, 2)).toEqual(['--cpus', '1']);
  });

  it('rejects a profile the config does not define, saying how to fix it', () => {
    const { eks: _, ...profiles } = config.profiles;
    expect(() => toImageSpecs({ ...config, profiles }, 'eks')).toThrow(
      'platform config: profile "eks" is not defined; add it under profiles:',
    );
  });
});

describe('the base image', () => {
  it('reads the pinned base from the Dockerfile: the official Node.js image at an exact version', () => {
    expect(readBaseImage(join(REPO, 'Dockerfile'))).toEqual({
      tag: expect.stringMatching(/^node:22\.\d+\.\d+-bookworm-slim$/),
      nodeVersion: expect.stringMatching(/^22\.\d+\.\d+$/),
    });
  });

  it.each([
    ['ARG BASE_IMAGE=node:22-bookworm-slim', '"node:22-bookworm-slim"'],
    ['ARG BASE_IMAGE=node:latest', '"node:latest"'],
    ['FROM node:22.1.0-bookworm-slim', 'none'],
  ])('rejects "%s" (found %s): the base must be pinned to an exact release', (line, found) => {
    const dockerfile = join(mkdtempSync(join(tmpdir(), 'dockerfile-')), 'Dockerfile');
    writeFileSync(dockerfile, `${line}\nFROM \${BASE_IMAGE}\n`);
    expect(() => readBaseImage(dockerfile)).toThrow(`found ${found}; pin the official Node.js image by exact version`);
  });

  it('gives the imported root filesystem the official image config (PATH, NODE_VERSION, CMD node)', () => {
    expect(importChanges({ tag: 'node:22.23.3-bookworm-slim', nodeVersion: '22.23.3' })).toEqual([
      '--change',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change',
      'ENV NODE_VERSION=22.23.3',
      '--change',
      'CMD ["node"]',
    ]);
  });
});

describe('the Dockerfile stages', () => {
  const dockerfile = join(REPO, 'Dockerfile');

  it("has one final stage per image (trainer on the runtime stage, API from scratch); only the API declares ports, the manifests' ones (API and probes)", () => {
    const specs = toImageSpecs(loadPlatformConfig(join(REPO, 'platform.config.yaml')), 'kind');
    expect(specs.map((s) => requireStage(dockerfile, s.name))).toEqual([
      { name: 'inference-api', from: 'scratch', exposes: [API_PORT, API_PROBE_PORT] },
      { name: 'model-trainer', from: 'runtime', exposes: [] },
    ]);
  });

  it('has a GPU stage for the API: CUDA runtime base, Node.js from the runtime stage, GPU libtensorflow, ports 8000 and 8001, non-root', () => {
    const specs = toImageSpecs(loadPlatformConfig(join(REPO, 'platform.config.yaml')), 'eks', { gpu: true });
    const gpu = specs.find((s) => s.name === 'inference-api-gpu');
    expect(gpu).toMatchObject({ packageName: '@mlops/inference-api', entry: 'src/server.ts' });
    expect(requireStage(dockerfile, 'inference-api-gpu')).toEqual({
      name: 'inference-api-gpu',
      from: '${CUDA_BASE_IMAGE}',
      exposes: [API_PORT, API_PROBE_PORT],
    });
    const text = readFileSync(dockerfile, 'utf8');
    const stage = text.slice(text.indexOf('AS inference-api-gpu'));
    expect(text).toMatch(/^ARG CUDA_BASE_IMAGE=nvidia\/cuda:11\.\d+\.\d+-cudnn8-runtime-ubuntu22\.04$/m);
    expect(stage).toContain('COPY --from=runtime /usr/local/bin/node /usr/local/bin/node');
    expect(stage).toMatch(/libtensorflow-gpu-linux-x86_64-2\.9\.1\.tar\.gz/);
    expect(stage).toContain(`USER ${API_UID}:${API_UID}`);
    // A context staged without the native binding must fail the build, not ship the JS backend on a GPU node.
    expect(stage).toMatch(/if \[ "\$found" -eq 0 \]; then .* exit 1; fi/);
  });

  it('builds the API from scratch with what the runtime stage declares: labels, NODE_ENV, WORKDIR, USER, ENTRYPOINT; node, its ldd libraries and a 1777 /tmp', () => {
    const text = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
    const section = (from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to));
    const runtime = section('AS runtime', 'AS model-trainer');
    const api = section('FROM scratch AS inference-api', 'AS inference-api-gpu');
    const rootfs = section('AS api-rootfs', 'FROM scratch AS inference-api');
    const declarations = (stage: string) =>
      stage.split('\n').filter((l) => /^\s*(USER|ENTRYPOINT|WORKDIR|org\.opencontainers|LABEL)/.test(l));
    expect(declarations(api)).toEqual(declarations(runtime));
    expect(api).toMatch(/^ENV PATH=\/usr\/local\/bin NODE_ENV=production NODE_COMPILE_CACHE=\/app\/\.compile-cache$/m);
    expect(api).toContain('COPY --from=api-rootfs /api-rootfs/ /');
    expect(rootfs).toContain('ldd /usr/local/bin/node');
    expect(rootfs).toContain('chmod 1777 "$r/tmp"');
    expect(rootfs).toMatch(/api:x:10001:10001:/);
  });

  it("ships V8's compile cache of the API, written as the API's user (Node keys it by uid), readable, where NODE_COMPILE_CACHE points", () => {
    const text = readFileSync(dockerfile, 'utf8');
    const stage = text.slice(text.indexOf('AS api-compile-cache'), text.indexOf('FROM scratch AS inference-api'));
    expect(requireStage(dockerfile, 'api-compile-cache').from).toBe('${BASE_IMAGE}');
    expect(stage).toContain(`USER ${API_UID}:${API_UID}`);
    expect(stage).toContain('NODE_COMPILE_CACHE=/compile-cache');
    expect(stage).toContain('chmod -R a+rX /compile-cache');
    // A build whose run wrote no cache fails instead of shipping an image that compiles everything at start.
    expect(stage).toMatch(/\[ -n "\$\(find \/compile-cache -type f\)" \] \|\| \{.*exit 1; \}/);
    expect(text).toContain('COPY --from=api-compile-cache --chown=0:0 /compile-cache /app/.compile-cache');
    // Before the trainer's stage the classic builder would run it for the trainer image too.
    expect(text.indexOf('AS api-compile-cache')).toBeGreaterThan(text.indexOf('AS model-trainer'));
  });

  it('reads stages, their base and every EXPOSE, ignoring unnamed stages', () => {
    const text = [
      'FROM node:22 AS build',
      'RUN make',
      'FROM scratch',
      'FROM build as api',
      'EXPOSE 8000 9090/tcp',
    ].join('\n');
    expect(readDockerfileStages(text)).toEqual([
      { name: 'build', from: 'node:22', exposes: [] },
      { name: 'api', from: 'build', exposes: [8000, 9090] },
    ]);
  });

  it('names the Dockerfile, the stages it has and the fix when an image has no stage', () => {
    expect(() => requireStage(dockerfile, 'batch-scorer')).toThrow(
      `${dockerfile}: no stage "batch-scorer" (stages: runtime, model-trainer, api-rootfs, api-compile-cache, inference-api, inference-api-gpu); add "FROM runtime AS batch-scorer"`,
    );
  });
});

describe('checkImageConfig (docker image inspect)', () => {
  const labels = { 'org.opencontainers.image.title': 'inference-api', 'org.opencontainers.image.revision': 'abc123' };
  const expected = { name: 'inference-api', uid: API_UID, ports: [API_PORT] };
  const config = { size: 225e6, user: '10001:10001', exposedPorts: ['8000/tcp'], labels };

  it("passes an image with the non-root user, exactly its stage's ports and its OCI labels", () => {
    expect(checkImageConfig(config, expected).map((c) => [c.name, c.ok])).toEqual([
      ['inference-api image runs as a non-root user', true],
      ['inference-api image declares port 8000/tcp', true],
      ['inference-api image carries its OCI labels', true],
    ]);
  });

  it.each([
    ['runs as root', { user: '' }, 0, 'USER (root), 225.0 MB'],
    ['exposes nothing (built without --target)', { exposedPorts: [] }, 1, 'EXPOSE (none)'],
    ['exposes an extra port', { exposedPorts: ['8000/tcp', '9229/tcp'] }, 1, 'EXPOSE 8000/tcp 9229/tcp'],
    [
      'has another title',
      { labels: { ...labels, 'org.opencontainers.image.title': 'mlops-image' } },
      2,
      'title mlops-image, revision abc123',
    ],
  ])('fails an image that %s', (_, change, index, detail) => {
    const check = checkImageConfig({ ...config, ...change }, expected)[index];
    expect(check).toMatchObject({ ok: false, detail });
  });
});

describe('parseMemUsage (docker stats)', () => {
  it.each([
    ['180.5MiB / 384MiB', { used: 180.5 * 2 ** 20, limit: 384 * 2 ** 20 }],
    ['1.2GiB / 2GiB', { used: 1.2 * 2 ** 30, limit: 2 * 2 ** 30 }],
    ['512KiB / 1.5GiB', { used: 512 * 2 ** 10, limit: 1.5 * 2 ** 30 }],
    ['-- / --', undefined],
    ['', undefined],
  ])('%j', (text, expected) => {
    expect(parseMemUsage(text)).toEqual(expected);
  });
});
