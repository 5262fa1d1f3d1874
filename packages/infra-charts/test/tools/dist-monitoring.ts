import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO } from './tool-processes.js';

/** The data of a ConfigMap of dist/<profile>/30-monitoring.yaml, as committed. */
export function distConfigMap(profile: string, name: string): Record<string, string> {
  const docs = parseAllDocuments(readFileSync(join(REPO, 'dist', profile, '30-monitoring.yaml'), 'utf8')).map((d) =>
    d.toJSON(),
  );
  const found = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === name);
  if (!found) throw new Error(`dist/${profile}/30-monitoring.yaml has no ConfigMap ${name}; run pnpm synth`);
  return found.data;
}
