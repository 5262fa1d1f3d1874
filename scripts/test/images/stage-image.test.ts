import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatformConfig } from '@mlops/infra-charts';
import { toImageSpecs } from '../../src/images/image-specs.js';
import { type StagedImage, stageImage } from '../../src/images/stage-image.js';

const REPO = new URL('../../../', import.meta.url).pathname;
const specs = toImageSpecs(loadPlatformConfig(join(REPO, 'platform.config.yaml')), 'kind', { gpu: true });

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
/** A fingerprint of the checkout's workspace packages (pnpm deploy hard-links them into the staging folder). */
const fingerprint = () =>
  createHash('sha256')
    .update(
      ['packages/shared', 'packages/inference-api', 'packages/model-trainer']
        .flatMap((pkg) =>
          ['package.json', ...walk(join(REPO, pkg, 'src')).map((f) => f.slice(REPO.length + pkg.length + 1))].map((f) =>
            join(REPO, pkg, f),
          ),
        )
        .map((f) => `${f}\n${readFileSync(f, 'utf8')}`)
        .join('\n'),
    )
    .digest('hex');

describe('stageImage (real pnpm deploy and esbuild; no Docker needed)', () => {
  const stageRoot = mkdtempSync(join(tmpdir(), 'stage-test-'));
  const staged: Record<string, StagedImage> = {};
  let before = '';

  beforeAll(async () => {
    before = fingerprint();
    for (const spec of specs) {
      const result = await stageImage(spec, { repo: REPO, stageRoot, log: () => {} });
      staged[spec.name] = result;
    }
    // Where tfjs-node can download libtensorflow (GitHub Actions), pnpm deploy does so for each image.
  }, 600_000);

  it('leaves the checkout untouched (hard-linked files are replaced, never written in place)', () => {
    expect(fingerprint()).toBe(before);
  });

  it('bundles the entry into its own path with lazy chunks beside it (S3 client) and points main at it', () => {
    const api = staged['inference-api'] as StagedImage;
    const manifest = JSON.parse(readFileSync(join(api.context, 'package.json'), 'utf8'));
    expect(manifest.main).toBe('src/server.js');
    expect(readdirSync(join(api.context, 'src'))).toEqual(['chunks', 'server.js']);
    // The S3 client is a chunk of its own, loaded only for an s3:// store; the entry does not import it statically.
    const chunks = readdirSync(join(api.context, 'src/chunks'));
    const s3Chunk = chunks.find((c) => c.startsWith('s3-store-'));
    expect(s3Chunk).toBeDefined();
    const entry = readFileSync(join(api.context, 'src/server.js'), 'utf8');
    expect(entry).toContain(`import("./chunks/${s3Chunk}")`);
    expect(entry).not.toMatch(/S3Client|client-s3/);
    expect(manifest.scripts).toBeUndefined();
    expect(Object.keys(manifest.dependencies)).toEqual(api.externals);
  });

  it('keeps in node_modules only what the bundle imports: nothing for the API, pruned TensorFlow.js for the trainer', () => {
    const api = staged['inference-api'] as StagedImage;
    // The API scores in typed arrays: its bundle imports no package at run time, so its image carries none.
    expect(api.externals).toEqual([]);
    expect(readdirSync(join(api.context, 'node_modules')).filter((e) => !e.startsWith('.'))).toEqual([]);
    expect(walk(join(api.context, 'node_modules')).filter((f) => f.includes('@tensorflow'))).toEqual([]);
    expect(api.bytes).toBeLessThan(10e6);
    const trainer = staged['model-trainer'] as StagedImage;
    expect(trainer.externals).toEqual(
      expect.arrayContaining(['@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers']),
    );
    const files = walk(join(trainer.context, 'node_modules'));
    expect(files.filter((f) => /\.(map|d\.ts)$|tf-core\.min\.js$/.test(f))).toEqual([]);
    expect(files.some((f) => f.endsWith('tf-core.node.js'))).toBe(true);
    expect(
      readdirSync(join(trainer.context, 'node_modules/.pnpm')).filter((id) =>
        /^(express|zod|pino|prom-client)@/.test(id),
      ),
    ).toEqual([]);
    // Where tfjs-node's native binding installed (GitHub Actions), it stays and brings libtensorflow; else it is
    // left out and the context is small.
    if (trainer.externals.includes('@tensorflow/tfjs-node'))
      expect(readdirSync(join(trainer.context, 'node_modules/@tensorflow/tfjs-node/lib')).length).toBeGreaterThan(0);
    else expect(trainer.bytes).toBeLessThan(60e6);
  });

  it('stages the GPU variant as the API (its Dockerfile stage swaps libtensorflow in this layout)', () => {
    const api = staged['inference-api'] as StagedImage;
    const gpu = staged['inference-api-gpu'] as StagedImage;
    expect(gpu.context).toMatch(/inference-api-gpu$/);
    expect(gpu.externals).toEqual(api.externals);
    const manifest = (s: StagedImage) => JSON.parse(readFileSync(join(s.context, 'package.json'), 'utf8'));
    expect(manifest(gpu).main).toBe(manifest(api).main);
    expect(readFileSync(join(gpu.context, '.dockerignore'), 'utf8')).toBe(
      readFileSync(join(api.context, '.dockerignore'), 'utf8'),
    );
  });

  it('admits only the staged files into the image: a .dockerignore allow-list of the context', () => {
    expect(readFileSync(join((staged['inference-api'] as StagedImage).context, '.dockerignore'), 'utf8')).toBe(
      '# Written by pnpm images:stage: only the staged files go into the image.\n*\n!node_modules\n!package.json\n!src\n',
    );
    const trainer = readFileSync(join((staged['model-trainer'] as StagedImage).context, '.dockerignore'), 'utf8');
    expect(trainer.split('\n').slice(1)).toEqual(['*', '!data', '!node_modules', '!package.json', '!src', '']);
  });

  it('the staged trainer trains on its bundled sample and publishes, run by plain node', () => {
    const trainer = staged['model-trainer'] as StagedImage;
    const out = mkdtempSync(join(tmpdir(), 'staged-train-'));
    const printed = execFileSync(process.execPath, [trainer.context, '--out', `file://${out}`], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(printed).toMatch(/published (v[\w-]+) to file:\/\//);
    expect(readFileSync(join(out, 'sentiment', 'LATEST'), 'utf8').trim()).toMatch(/^v\d{8}-\d{6}-[0-9a-f]{6}$/);
  }, 150_000);

  it('the staged API serves a model and answers probes from its probe thread, run by plain node', async () => {
    const trainer = staged['model-trainer'] as StagedImage;
    const api = staged['inference-api'] as StagedImage;
    const models = mkdtempSync(join(tmpdir(), 'staged-models-'));
    execFileSync(process.execPath, [trainer.context, '--out', `file://${models}`], { timeout: 120_000 });
    const port = 20000 + Math.floor(Math.random() * 1000);
    const child = spawn(process.execPath, [api.context], {
      env: {
        ...process.env,
        TENANT: 'staged',
        MODEL_URI: `file://${models}/sentiment`,
        PORT: String(port),
        PROBE_PORT: String(port + 1),
      },
      stdio: 'ignore',
    });
    try {
      let ready = 0;
      for (let i = 0; i < 200 && ready !== 200; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
          (r) => r.status,
          () => 0,
        );
        if (ready !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toBe(200);
      const answer = await fetch(`http://127.0.0.1:${port}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'A wonderful film.' }),
      });
      expect(await answer.json()).toMatchObject({ prediction: 'positive', tenant: 'staged' });
      // The probe worker runs from source text evaluated in its thread: it must survive the bundling. It learns
      // readiness from the main thread's next heartbeat (every 100 ms), so it may trail the main port by one beat.
      let probe = await fetch(`http://127.0.0.1:${port + 1}/ready`);
      for (let i = 0; i < 20 && probe.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        probe = await fetch(`http://127.0.0.1:${port + 1}/ready`);
      }
      expect(probe.status).toBe(200);
      expect(await probe.json()).toMatchObject({ status: 'ready' });
    } finally {
      const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      child.kill('SIGTERM');
      await exited; // drains (SHUTDOWN_DELAY_MS) and ends its probe thread: nothing left running after the test
    }
  }, 150_000);
});
