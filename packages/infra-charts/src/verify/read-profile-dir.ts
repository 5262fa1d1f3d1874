import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestFile } from '../manifest/manifest.js';
import { parseManifests } from './parse-manifests.js';

/** Reads the YAML files of dist/<profile>/ as they are on disk: verify checks the real output, not objects in memory. */
export function readProfileDir(dir: string): ManifestFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, documents: parseManifests(readFileSync(join(dir, name), 'utf8'), join(dir, name)) }));
}
