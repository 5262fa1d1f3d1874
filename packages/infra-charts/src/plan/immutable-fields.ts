import type { Manifest } from '../manifest/manifest.js';
import { changedPaths, valueAt } from './changed-paths.js';

/** Fields the API server refuses to change in place, per kind (kubectl apply fails with "field is immutable"). */
const IMMUTABLE: Readonly<Record<string, readonly string[]>> = {
  Job: ['spec.template', 'spec.selector'],
  Deployment: ['spec.selector'],
  ReplicaSet: ['spec.selector'],
  DaemonSet: ['spec.selector'],
  StatefulSet: ['spec.selector', 'spec.serviceName', 'spec.volumeClaimTemplates', 'spec.podManagementPolicy'],
  Service: ['spec.clusterIP'],
  RoleBinding: ['roleRef'],
  ClusterRoleBinding: ['roleRef'],
};

/** The immutable fields a change touches; empty when the object can be updated in place. */
export function immutableChanges(before: Manifest, after: Manifest): string[] {
  const fields = [...(IMMUTABLE[after.kind] ?? [])];
  const changed = fields.filter((f) => {
    const [a, b] = [valueAt(before, f), valueAt(after, f)];
    // An unset clusterIP is allocated by the server and kept: only two set, different values conflict.
    if (f === 'spec.clusterIP') return a !== undefined && b !== undefined && a !== b;
    return JSON.stringify(a) !== JSON.stringify(b);
  });
  if (after.kind === 'PersistentVolumeClaim') {
    // Only a larger storage request may change (volume expansion); everything else in spec is fixed.
    const paths = changedPaths(before.spec, after.spec, 'spec').filter((p) => p !== 'spec.resources.requests.storage');
    changed.push(...paths);
  }
  if ((after.kind === 'ConfigMap' || after.kind === 'Secret') && before.immutable === true)
    for (const f of ['data', 'binaryData', 'stringData', 'immutable'])
      if (JSON.stringify(valueAt(before, f)) !== JSON.stringify(valueAt(after, f))) changed.push(f);
  return changed;
}
