import type { Construct } from 'constructs';
import type { Manifest } from './manifest.js';
import { ManifestObject } from './manifest-object.js';

/** A typed Kubernetes object (a kubernetes-models interface such as IDeployment) with a name. */
export type KubeManifest = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string };
};

/** Adds one typed Kubernetes object, built by a pure function, to a construct tree. */
export function kubeObject(scope: Construct, id: string, manifest: KubeManifest): ManifestObject {
  if (!manifest.metadata?.name)
    throw new Error(
      `${manifest.kind} at ${scope.node.path}/${id} has no metadata.name; every object is named explicitly`,
    );
  return new ManifestObject(scope, id, manifest as Manifest);
}

/** Adds the objects a pure builder returned to a scope, each under an id made of its kind, namespace and name. */
export function addManifests(scope: Construct, manifests: readonly KubeManifest[]): ManifestObject[] {
  return manifests.map((m) => {
    const namespace = (m.metadata as { namespace?: string } | undefined)?.namespace;
    return kubeObject(scope, `${m.kind}-${namespace ? `${namespace}-` : ''}${m.metadata?.name}`, m);
  });
}
