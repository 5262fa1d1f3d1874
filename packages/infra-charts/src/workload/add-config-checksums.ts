import { createHash } from 'node:crypto';
import { describeManifest, type Manifest, type ManifestFile } from '../manifest/manifest.js';
import type { ExternalSecret } from '../secrets/external-secrets.js';
import { configData, configReferences, podTemplateOf } from './config-references.js';

/** Pod-template annotation: a hash of exactly the synthesized ConfigMap/Secret data the pods read. */
export const CONFIG_CHECKSUM_ANNOTATION = 'checksum.mlops.platform/config';

/**
 * Annotation (value "true") on a ConfigMap/Secret whose consumers reload it without a restart (e.g. a config-reloader
 * sidecar): it is left out of their checksum, so a change of it rolls nobody.
 */
export const RELOADED_LIVE_ANNOTATION = 'mlops.platform/reloaded-live';

/** A workload reads a ConfigMap or Secret that neither synth nor the external-Secret list provides. */
export class ConfigReferenceError extends Error {
  override readonly name = 'ConfigReferenceError';
  constructor(readonly problems: readonly string[]) {
    super(
      `${problems.length} unresolved ConfigMap/Secret reference${problems.length === 1 ? '' : 's'}:\n  - ${problems.join('\n  - ')}`,
    );
  }
}

const key = (kind: string, namespace: string | undefined, name: string) => `${kind}/${namespace ?? ''}/${name}`;

/** Short, stable hash of a JSON value (keys in the order built here, which is deterministic). */
export function contentHash(value: unknown, length = 16): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, length);
}

/**
 * Stamps every workload's pod template with a checksum of the config it consumes, resolved against the objects of
 * the whole profile: a change of that data rolls exactly its consumers. A reference to a ConfigMap that is not
 * synthesized, or to a Secret that is neither synthesized nor in {@link ExternalSecret}s, fails synth.
 */
export function addConfigChecksums(
  files: readonly ManifestFile[],
  external: readonly ExternalSecret[],
): ManifestFile[] {
  const objects = new Map<string, Manifest>();
  for (const f of files)
    for (const m of f.documents)
      if (m.kind === 'ConfigMap' || m.kind === 'Secret')
        objects.set(key(m.kind, m.metadata.namespace, m.metadata.name), m);
  const externals = new Set(external.map((s) => key('Secret', s.namespace, s.name)));
  const problems: string[] = [];
  const stamp = (m: Manifest): Manifest => {
    if (!podTemplateOf(m)) return m;
    const copy = structuredClone(m) as Manifest;
    const template = podTemplateOf(copy) as Record<string, unknown>;
    const consumed: unknown[] = [];
    for (const ref of configReferences(template)) {
      const id = key(ref.kind, m.metadata.namespace, ref.name);
      const target = objects.get(id);
      const live = (target?.metadata.annotations as Record<string, string> | undefined)?.[RELOADED_LIVE_ANNOTATION];
      if (target && live === 'true') continue;
      if (target) consumed.push([ref.kind, ref.name, configData(target, ref.keys)]);
      else if (!ref.optional && !externals.has(id))
        problems.push(
          `${describeManifest(m)} reads ${ref.kind} ${m.metadata.namespace}/${ref.name}, which is not synthesized` +
            (ref.kind === 'Secret' ? ' and not listed in secrets/external-secrets.ts' : '') +
            '; synthesize it in the same profile, or fix the name',
        );
    }
    if (consumed.length === 0) return m;
    const metadata = (template.metadata ?? {}) as Record<string, unknown>;
    template.metadata = {
      ...metadata,
      annotations: {
        ...(metadata.annotations as object | undefined),
        [CONFIG_CHECKSUM_ANNOTATION]: contentHash(consumed),
      },
    };
    return copy;
  };
  const result = files.map((f) => ({ name: f.name, documents: f.documents.map(stamp) }));
  if (problems.length > 0) throw new ConfigReferenceError(problems);
  return result;
}
