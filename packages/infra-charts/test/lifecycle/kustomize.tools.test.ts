import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { readProfileDir } from '../../src/verify/read-profile-dir.js';

/** The real `kubectl kustomize` (offline) on the committed dist/: what `kubectl apply -k`, Argo CD and Flux see. */
const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../dist');
const id = (m: { kind: string; metadata: { namespace?: string; name: string } }) =>
  `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;

describe('kubectl kustomize dist/<profile>', () => {
  it.each(['kind', 'eks'])('%s renders every object of the files, unchanged', (profile) => {
    const out = execFileSync('kubectl', ['kustomize', `${DIST}/${profile}`], { encoding: 'utf8', timeout: 60_000 });
    const rendered = parseAllDocuments(out).map((d) => d.toJSON());
    const files = readProfileDir(`${DIST}/${profile}`, profile).flatMap((f) => f.documents);
    expect(rendered.map(id).sort()).toEqual(files.map(id).sort());
    const byId = new Map(rendered.map((m) => [id(m), m]));
    for (const m of files) expect(byId.get(id(m))).toEqual(m);
  });
});
