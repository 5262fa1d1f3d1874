import type { Manifest } from '../manifest/manifest.js';
import { LABEL_TENANT } from '../platform-constants.js';

/** Identity of an object on a cluster: API group, kind, namespace, name (the version may change, it is the same object). */
export function objectKey(m: Manifest): string {
  const group = m.apiVersion.includes('/') ? m.apiVersion.split('/')[0] : '';
  return `${group}/${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
}

/** The tenant an object belongs to, from its tenant label. */
export function tenantOf(m: Manifest): string | undefined {
  return m.metadata.labels?.[LABEL_TENANT];
}
