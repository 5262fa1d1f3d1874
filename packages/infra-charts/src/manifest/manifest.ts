/** One Kubernetes object as plain JSON, as it is written to dist/. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** One YAML file of dist/<profile>/ and the objects in it, in apply order. */
export interface ManifestFile {
  readonly name: string;
  readonly documents: readonly Manifest[];
}

/** `Deployment tenant-a/tenant-a-ml-inference`: how errors and reports name an object. */
export function describeManifest(m: Manifest): string {
  return `${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}`;
}
