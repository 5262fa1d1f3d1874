import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Manifest, ManifestFile } from '../manifest/manifest.js';

/** Reads the YAML files of dist/<profile>/ as they are on disk: verify checks the real output, not objects in memory. */
export function readProfileDir(dir: string): ManifestFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const docs = parseAllDocuments(readFileSync(join(dir, name), 'utf8'));
      const bad = docs.find((d) => d.errors.length > 0);
      if (bad) throw new Error(`${join(dir, name)}: ${bad.errors[0]?.message}`);
      return { name, documents: docs.map((d) => d.toJSON() as Manifest).filter(Boolean) };
    });
}
