import { ApiObject, type Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { Manifest } from './manifest.js';
import { ManifestObject } from './manifest-object.js';

/**
 * Every ApiObject in a chart, in construction order, whatever built it: this project's ManifestObjects as built,
 * any other (cdk8s-plus, `cdk8s import` classes, `Include`, a plain ApiObject) through its own `toJson()`, so an
 * object added to the tree lands in dist/ and goes through the guardrails instead of vanishing.
 */
export function collectManifests(chart: Chart): Manifest[] {
  return chart.node.findAll().flatMap((c) => {
    if (ManifestObject.isManifestObject(c)) return [c.manifest];
    if (ApiObject.isApiObject(c)) return [foreignManifest(c)];
    return [];
  });
}

/** A foreign ApiObject's JSON, checked for what dist/ and the guardrails rely on (apiVersion, kind, a name). */
function foreignManifest(object: ApiObject): Manifest {
  const json: unknown = object.toJson();
  const problems = manifestProblems(json);
  if (problems.length > 0)
    throw new Error(
      `the ApiObject at ${pathOf(object)} cannot be written to dist/: ${problems.join('; ')}; set them in its props (metadata.name explicitly, e.g. \`metadata: { name: 'x' }\`)`,
    );
  return json as Manifest;
}

function manifestProblems(json: unknown): string[] {
  const m = (json ?? {}) as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  const problems: string[] = [];
  if (typeof m.apiVersion !== 'string' || m.apiVersion === '') problems.push('apiVersion is missing');
  if (typeof m.kind !== 'string' || m.kind === '') problems.push('kind is missing');
  if (typeof m.metadata?.name !== 'string' || m.metadata.name === '') problems.push('metadata.name is missing');
  return problems;
}

const pathOf = (c: IConstruct) => c.node.path || '(root)';
