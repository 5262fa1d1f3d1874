import { describeManifest, type ManifestFile } from '../manifest/manifest.js';
import { namespacesWithoutDefaultDeny } from './check-default-deny.js';
import { checkObjectSize } from './check-object-size.js';
import { checkPodSecurity } from './check-pod-security.js';
import { checkContainerResources } from './check-resources.js';
import { checkScheduling } from './check-scheduling.js';
import { checkSchema, loadSchemas } from './check-schema.js';
import { CLUSTER_SCOPED_KINDS } from './cluster-scoped.js';
import { podSpecOf } from './pod-templates.js';
import type { Violation } from './violation.js';

/** Options of {@link runGuardrails}. */
export interface GuardrailOptions {
  /**
   * Also reject fields the Kubernetes schema does not declare. `pnpm verify` does, on the files in dist/; synth
   * does not by default: its objects are typed by kubernetes-models at compile time, and the walk would cost a
   * third of a 1000-tenant synth. @default false
   */
  readonly rejectUnknownFields?: boolean;
}

/** Runs every synth-time rule over all files and returns every violation (empty when the output is safe to apply). */
export async function runGuardrails(
  files: readonly ManifestFile[],
  options: GuardrailOptions = {},
): Promise<Violation[]> {
  const violations: Violation[] = [];
  await loadSchemas(
    files.flatMap((f) => f.documents),
    options.rejectUnknownFields === true,
  );
  for (const file of files) {
    for (const m of file.documents) {
      const at = { file: file.name, object: describeManifest(m) };
      const pod = podSpecOf(m);
      if (pod)
        for (const f of [...checkPodSecurity(pod), ...checkContainerResources(pod)]) violations.push({ ...at, ...f });
      if (CLUSTER_SCOPED_KINDS.has(m.kind) && m.metadata.namespace) {
        violations.push({
          ...at,
          rule: 'metadata/cluster-scoped',
          detail: `${m.kind} is cluster-scoped and must not set metadata.namespace`,
        });
      }
      const tooLarge = checkObjectSize(m);
      if (tooLarge) violations.push({ ...at, rule: 'size/max-object-bytes', detail: tooLarge });
      const schemaError = checkSchema(m, options.rejectUnknownFields === true);
      if (schemaError) violations.push({ ...at, rule: 'schema/openapi', detail: schemaError });
    }
  }
  violations.push(...checkScheduling(files));
  const all = files.flatMap((f) => f.documents);
  for (const ns of namespacesWithoutDefaultDeny(all)) {
    violations.push({
      file:
        files.find((f) => f.documents.some((d) => d.kind === 'Namespace' && d.metadata.name === ns))?.name ??
        '(all files)',
      object: `Namespace ${ns}`,
      rule: 'network/default-deny',
      detail: 'tenant namespace has no NetworkPolicy denying all ingress and egress',
    });
  }
  return violations;
}
