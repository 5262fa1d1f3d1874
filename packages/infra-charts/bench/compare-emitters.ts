import { isDeepStrictEqual } from 'node:util';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { stringify } from 'yaml';
import type { ManifestFile } from '../src/manifest/manifest.js';
import { renderYaml } from '../src/manifest/render-yaml.js';

const time = (work: () => string[]) => {
  const start = performance.now();
  const out = work();
  return { seconds: (performance.now() - start) / 1000, out };
};

/**
 * The hand-written emitter against the `yaml` package's stringify (as `yaml` writes multi-document files) on the
 * same objects: seconds, bytes, and whether a strict reader (js-yaml, core schema) gives back the objects.
 */
export function compareEmitters(files: readonly ManifestFile[]): string[] {
  const objects = files.flatMap((f) => f.documents);
  const emitters: Array<[string, () => string[]]> = [
    ['hand-written', () => files.map((f) => renderYaml(f))],
    [
      'yaml.stringify',
      () => files.map((f) => f.documents.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join('')),
    ],
  ];
  return emitters.map(([name, run]) => {
    run(); // warm-up
    const { seconds, out } = time(run);
    let exact = true;
    try {
      // Compared object by object, key order aside: the hand-written emitter sorts keys, stringify keeps them.
      const read = out.flatMap((text) => loadAll(text, { schema: CORE_SCHEMA }).filter(Boolean));
      const want = JSON.parse(JSON.stringify(objects)) as unknown[];
      exact = read.length === want.length && want.every((w, i) => isDeepStrictEqual(read[i], w));
    } catch (error) {
      console.error(`emitter ${name}: ${String(error).slice(0, 300)}`);
      exact = false;
    }
    const bytes = out.reduce((n, text) => n + Buffer.byteLength(text), 0);
    return `emitter=${name} objects=${objects.length} seconds=${seconds.toFixed(3)} bytes=${bytes} strict_round_trip=${exact ? 'exact' : 'FAILED'}`;
  });
}
