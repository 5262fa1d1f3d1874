import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Manifest } from './manifest.js';

const MANIFEST_OBJECT = Symbol.for('mlops.ManifestObject');

/**
 * An ApiObject whose body is already plain JSON built by a pure function. It renders itself without
 * cdk8s's token resolution, which costs ~2 ms per tenant and is pointless here: no value is a token.
 */
export class ManifestObject extends ApiObject {
  constructor(
    scope: Construct,
    id: string,
    readonly manifest: Manifest,
  ) {
    super(scope, id, {
      apiVersion: manifest.apiVersion,
      kind: manifest.kind,
      metadata: { name: manifest.metadata.name },
    });
    Object.defineProperty(this, MANIFEST_OBJECT, { value: true });
  }

  /** Brand check: cdk8s's ApiObject overrides `instanceof`, so `instanceof ManifestObject` would match any ApiObject. */
  static isManifestObject(x: unknown): x is ManifestObject {
    return x !== null && typeof x === 'object' && MANIFEST_OBJECT in x;
  }

  override toJson(): Manifest {
    return this.manifest;
  }
}
