import type { Manifest, ManifestFile } from '../manifest/manifest.js';
import { contentHash } from './add-config-checksums.js';

/** Label on every Job with its name before the content hash: what tools wait on and prune by. */
export const JOB_BASE_NAME_LABEL = 'mlops.platform/job';

/** Job names are used as a pod label value: at most 63 characters. */
const MAX_BASE = 63 - 9;

/**
 * Renames every Job to `<name>-<hash of its spec>`: a Job's pod template is immutable, so a Job whose inputs changed is
 * a new Job (created by a plain apply, the old one pruned by label), and an unchanged one is never re-run.
 */
export function nameJobsByContent(files: readonly ManifestFile[]): ManifestFile[] {
  const rename = (m: Manifest): Manifest => {
    if (m.kind !== 'Job') return m;
    const base = m.metadata.name;
    if (base.length > MAX_BASE)
      throw new Error(`Job ${m.metadata.namespace}/${base}: name longer than ${MAX_BASE} characters; shorten it`);
    const labels = { ...m.metadata.labels, [JOB_BASE_NAME_LABEL]: base };
    return { ...m, metadata: { ...m.metadata, name: `${base}-${contentHash(m.spec, 8)}`, labels } };
  };
  return files.map((f) => ({ name: f.name, documents: f.documents.map(rename) }));
}
