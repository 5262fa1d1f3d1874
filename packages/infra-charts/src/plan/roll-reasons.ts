import type { Manifest } from '../manifest/manifest.js';
import { CONFIG_CHECKSUM_ANNOTATION } from '../workload/add-config-checksums.js';
import { configData, configReferences, podTemplateOf } from '../workload/config-references.js';
import { changedPaths, valueAt } from './changed-paths.js';

/** Objects of one dist state by `kind/namespace/name`, to resolve what a pod template reads. */
export type ConfigIndex = ReadonlyMap<string, Manifest>;

/** Indexes the ConfigMaps and Secrets of a set of manifests. */
export function indexConfig(manifests: readonly Manifest[]): ConfigIndex {
  return new Map(
    manifests
      .filter((m) => m.kind === 'ConfigMap' || m.kind === 'Secret')
      .map((m) => [`${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`, m]),
  );
}

const MAX_PATHS = 5;
const list = (paths: string[]) =>
  paths.length > MAX_PATHS
    ? `${paths.slice(0, MAX_PATHS).join(', ')} and ${paths.length - MAX_PATHS} more`
    : paths.join(', ');

/** Why a workload's pods restart: which consumed ConfigMap/Secret keys changed, which image, which other fields. */
export function rollReasons(before: Manifest, after: Manifest, was: ConfigIndex, now: ConfigIndex): string[] {
  const [a, b] = [podTemplateOf(before), podTemplateOf(after)];
  const paths = changedPaths(a, b);
  const checksum = `metadata.annotations.${CONFIG_CHECKSUM_ANNOTATION}`;
  const reasons: string[] = [];
  if (paths.includes(checksum)) {
    const ns = after.metadata.namespace ?? '';
    for (const ref of b ? configReferences(b) : []) {
      const id = `${ref.kind}/${ns}/${ref.name}`;
      const [old, cur] = [was.get(id), now.get(id)];
      if (!old || !cur) continue;
      const keys = changedPaths(configData(old, ref.keys), configData(cur, ref.keys));
      if (keys.length > 0) reasons.push(`${ref.kind} ${ref.name} changed (${list(keys)})`);
    }
    if (reasons.length === 0)
      reasons.push(
        (valueAt(a, 'metadata.annotations') as Record<string, string> | undefined)?.[CONFIG_CHECKSUM_ANNOTATION]
          ? 'the config it consumes changed'
          : 'config checksum annotation added (one roll, once)',
      );
  }
  const images = paths.filter((p) => p.endsWith('.image'));
  for (const p of images) reasons.push(`${p.replace(/^spec\./, '')}: ${imageAt(a, p)} -> ${imageAt(b, p)}`);
  const rest = paths.filter((p) => p !== checksum && !images.includes(p));
  if (rest.length > 0) reasons.push(`pod template: ${list(rest)}`);
  return reasons;
}

/** `spec.containers[api].image` read from a template. */
function imageAt(template: unknown, path: string): string {
  const m = /^spec\.(\w+)\[(.+)\]\.image$/.exec(path);
  if (!m) return '?';
  const containers = valueAt(template, `spec.${m[1]}`) as Array<{ name: string; image?: string }> | undefined;
  return containers?.find((c) => c.name === m[2])?.image ?? '(none)';
}
