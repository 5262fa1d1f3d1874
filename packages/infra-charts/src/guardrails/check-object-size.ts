import type { Manifest } from '../manifest/manifest.js';

/**
 * The largest object `kubectl apply` can handle: client-side apply copies the whole object as JSON into the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation, and all annotations together are limited to
 * 256 KiB by the API server. (etcd's 1.5 MiB and ConfigMap's 1 MiB limits are further away.)
 */
export const MAX_OBJECT_BYTES = 256 * 1024;

/** The size an object takes in the last-applied annotation: its JSON, in UTF-8 bytes. */
export function serializedBytes(m: Manifest): number {
  return Buffer.byteLength(JSON.stringify(m), 'utf8');
}

/** `262,144 bytes (256.0 KiB)`, for messages and the benchmark. */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes (${(bytes / 1024).toFixed(1)} KiB)`;
}

/** The violation text for an object above {@link MAX_OBJECT_BYTES}, or undefined when it fits. */
export function checkObjectSize(m: Manifest, bytes = serializedBytes(m)): string | undefined {
  if (bytes <= MAX_OBJECT_BYTES) return undefined;
  return `serialized size ${formatBytes(bytes)} is above ${formatBytes(MAX_OBJECT_BYTES)}, the most kubectl apply can record in its last-applied-configuration annotation; split the object (e.g. several ConfigMaps) or make it independent of the tenant count`;
}
