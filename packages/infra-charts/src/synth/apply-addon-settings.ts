import { ADDON_IMAGES } from '../addon-images.js';
import type { ProfileConfig } from '../config/index.js';
import { allContainers, podSpecOf } from '../guardrails/pod-templates.js';
import type { Manifest } from '../manifest/manifest.js';

/** What a profile changes on every add-on pod, whatever add-on emitted it. */
export interface AddonSettings {
  readonly addonImages: ProfileConfig['addonImages'];
  readonly priorityClassName: string;
}

/** `quay.io/minio/minio:…` → `quay.io`; a reference without a registry host is Docker Hub's. */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'docker.io';
}

/** One add-on image as the profile wants it: the override for its add-on, else its registry's mirror, else as is. */
export function resolveAddonImage(image: string, addonImages: ProfileConfig['addonImages']): string {
  const addon = Object.entries(ADDON_IMAGES).find(([, ref]) => ref === image)?.[0];
  if (addon === undefined) return image;
  const override = addonImages.overrides[addon];
  if (override) return override;
  const registry = registryOf(image);
  const mirror = addonImages.registryMirrors[registry];
  if (!mirror) return image;
  const path = image.startsWith(`${registry}/`) ? image.slice(registry.length + 1) : image;
  return `${mirror}/${path}`;
}

/**
 * Rewrites the add-on pods of a profile after synthesis, in one place for every add-on (MinIO, monitoring,
 * metrics-server, ...): images through the registry mirror/overrides, and the platform's PriorityClass where a pod
 * names none. Tenant pods are not touched (their image and priority come from the tenant's spec).
 */
export function applyAddonSettings(documents: readonly Manifest[], settings: AddonSettings): Manifest[] {
  return documents.map((m) => {
    const pod = podSpecOf(m);
    if (!pod) return m;
    const copy = structuredClone(m);
    const podCopy = podSpecOf(copy) as Record<string, unknown> & ReturnType<typeof podSpecOf>;
    for (const c of allContainers(podCopy ?? {}))
      if (c.image) (c as { image: string }).image = resolveAddonImage(c.image, settings.addonImages);
    if (podCopy && podCopy.priorityClassName === undefined) podCopy.priorityClassName = settings.priorityClassName;
    return copy;
  });
}
