import { CORE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
import type { Manifest } from '../manifest/manifest.js';

/**
 * Parses one multi-document YAML file of dist/ as kubectl would accept it: YAML 1.2 core schema, duplicate keys
 * and non-printable characters (DEL, C1 controls — which kubectl's Go parser rejects) are errors. js-yaml, not
 * the `yaml` package: that one accepts raw control characters, and is ~4x slower on a 1000-tenant dist.
 */
export function parseManifests(text: string, source: string): Manifest[] {
  try {
    return loadAll(text, { schema: CORE_SCHEMA, filename: source }).filter(
      (d): d is Manifest => d !== null && d !== undefined,
    );
  } catch (error) {
    const where =
      error instanceof YAMLException && error.mark ? `:${error.mark.line + 1}:${error.mark.column + 1}` : '';
    const reason = error instanceof YAMLException ? error.reason : String(error);
    throw new Error(`${source}${where}: not valid YAML for kubectl (${reason}); re-run pnpm synth, or fix the file`, {
      cause: error,
    });
  }
}
