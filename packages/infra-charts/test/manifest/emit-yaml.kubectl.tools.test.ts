import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { writeGeneratedConfig } from '../../bench/generate-config.js';
import { renderProfile } from '../../bench/render-profile.js';
import { emitYaml } from '../../src/manifest/emit-yaml.js';
import { synthesize } from '../../src/synth/synthesize.js';
import { HOSTILE_STRINGS, hostileDocument } from './hostile-strings.js';

// Real kubectl (its Go YAML parser, offline): .ci/run installs it before `pnpm test:tools`.
function kubectl(args: string[]): string {
  try {
    return execFileSync('kubectl', args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 512 * 1024 * 1024 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error('kubectl is not on PATH: install it (.ci/run: apt-get install kubernetes-client)');
    throw new Error(`kubectl ${args.join(' ')} failed: ${(e.stderr ?? e.message).slice(-600)}`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'emit-yaml-kubectl-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('emitted YAML as kubectl reads it', () => {
  it('gives back every hostile string unchanged through the parser kubectl apply uses (label --local -o json)', () => {
    const file = join(work, 'hostile.yaml');
    writeFileSync(file, `---\n${emitYaml(hostileDocument())}`);
    const read = JSON.parse(kubectl(['label', '--local', '-f', file, '-o', 'json', 'probe=1'])) as {
      metadata: { labels?: Record<string, string> };
    };
    delete read.metadata.labels;
    expect(read).toEqual(hostileDocument());
  });

  // kustomize re-emits YAML through go-yaml, which refuses control characters and U+FFFE/U+FFFF even escaped,
  // and writes U+2028/U+2029 raw into single-quoted scalars (where YAML 1.1 readers fold them): those rows are
  // covered by the test above (kubectl apply reads our output exactly); every other row must survive kustomize.
  it('gives back every printable hostile string unchanged through kubectl kustomize', () => {
    const dir = join(work, 'kustomize-hostile');
    mkdirSync(dir, { recursive: true });
    const printable = HOSTILE_STRINGS.map(([, s]) => s).filter(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      (s) => !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/.test(s),
    );
    const doc = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'hostile' },
      data: Object.fromEntries(printable.map((s, i) => [`k${i}`, s])),
    };
    writeFileSync(join(dir, 'hostile.yaml'), `---\n${emitYaml(doc)}`);
    writeFileSync(join(dir, 'kustomization.yaml'), emitYaml({ resources: ['hostile.yaml'] }));
    expect(loadAll(kubectl(['kustomize', dir]), { schema: CORE_SCHEMA })).toEqual([doc]);
  });

  it.each([10, 100])(
    'builds the whole dist of %i generated tenants, both profiles, with kubectl kustomize',
    async (n) => {
      const outDir = join(work, `dist-${n}`);
      await synthesize({ configFile: writeGeneratedConfig(work, n), outDir });
      for (const profile of ['kind', 'eks']) {
        const dir = join(outDir, profile);
        // synth writes dist/<profile>/Kustomization, which lists these files in apply order.
        const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
        const expected = files.flatMap((f) => loadAll(readFileSync(join(dir, f), 'utf8'), { schema: CORE_SCHEMA }));
        const objects = expected.filter(Boolean).length;
        const fileArgs = files.flatMap((f) => ['-f', join(dir, f)]);
        const applied = kubectl(['label', '--local', ...fileArgs, '-o', 'name', 'probe=1'])
          .trim()
          .split('\n');
        expect(applied).toHaveLength(objects);
        expect(loadAll(kubectl(['kustomize', dir]), { schema: CORE_SCHEMA })).toHaveLength(objects);
      }
    },
  );

  // kubectl kustomize takes more than 10 minutes on the 18,000 objects of 1000 tenants (docs/benchmarks.md), so at
  // that size only the parser kubectl apply uses reads every file. Rendered without the guardrails, so the files
  // are checked even while an object is above the size bound (that bound has its own test).
  it.each(['kind', 'eks'])(
    'reads every object of the 1000-tenant %s dist with the parser kubectl apply uses',
    (profile) => {
      const dir = join(work, 'dist-1000', profile);
      const { files } = renderProfile(writeGeneratedConfig(work, 1000), dir, profile);
      const args = files.flatMap((f) => ['-f', join(dir, f.name)]);
      const applied = kubectl(['label', '--local', ...args, '-o', 'name', 'probe=1'])
        .trim()
        .split('\n');
      expect(applied).toHaveLength(files.reduce((n, f) => n + f.documents.length, 0));
    },
    120_000,
  );
});
