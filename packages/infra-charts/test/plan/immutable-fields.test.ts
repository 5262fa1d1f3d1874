import type { Manifest } from '../../src/manifest/manifest.js';
import { immutableChanges } from '../../src/plan/immutable-fields.js';

const obj = (kind: string, body: Record<string, unknown>): Manifest => ({
  apiVersion: 'v1',
  kind,
  metadata: { name: 'x', namespace: 'ns' },
  ...body,
});

describe('immutableChanges: what kubectl apply cannot change in place', () => {
  it.each([
    {
      what: 'Service clusterIP set to another address',
      kind: 'Service',
      a: { spec: { clusterIP: '10.0.0.1' } },
      b: { spec: { clusterIP: '10.0.0.2' } },
      fields: ['spec.clusterIP'],
    },
    {
      what: 'Service clusterIP left to the server',
      kind: 'Service',
      a: { spec: { clusterIP: '10.0.0.1' } },
      b: { spec: {} },
      fields: [],
    },
    {
      what: 'Service ports',
      kind: 'Service',
      a: { spec: { ports: [{ port: 1 }] } },
      b: { spec: { ports: [{ port: 2 }] } },
      fields: [],
    },
    {
      what: 'a larger PVC request (expansion)',
      kind: 'PersistentVolumeClaim',
      a: { spec: { resources: { requests: { storage: '1Gi' } } } },
      b: { spec: { resources: { requests: { storage: '2Gi' } } } },
      fields: [],
    },
    {
      what: 'a PVC storage class',
      kind: 'PersistentVolumeClaim',
      a: { spec: { storageClassName: 'a' } },
      b: { spec: { storageClassName: 'b' } },
      fields: ['spec.storageClassName'],
    },
    {
      what: 'an immutable ConfigMap',
      kind: 'ConfigMap',
      a: { immutable: true, data: { k: '1' } },
      b: { immutable: true, data: { k: '2' } },
      fields: ['data'],
    },
    { what: 'a mutable ConfigMap', kind: 'ConfigMap', a: { data: { k: '1' } }, b: { data: { k: '2' } }, fields: [] },
    {
      what: 'a StatefulSet volumeClaimTemplates',
      kind: 'StatefulSet',
      a: { spec: { volumeClaimTemplates: [{ a: 1 }] } },
      b: { spec: { volumeClaimTemplates: [{ a: 2 }] } },
      fields: ['spec.volumeClaimTemplates'],
    },
    {
      what: 'a ClusterRoleBinding roleRef',
      kind: 'ClusterRoleBinding',
      a: { roleRef: { name: 'a' } },
      b: { roleRef: { name: 'b' } },
      fields: ['roleRef'],
    },
    {
      what: 'a Deployment template',
      kind: 'Deployment',
      a: { spec: { template: { a: 1 } } },
      b: { spec: { template: { a: 2 } } },
      fields: [],
    },
  ])('$what -> $fields', ({ kind, a, b, fields }) => {
    expect(immutableChanges(obj(kind, a), obj(kind, b))).toEqual(fields);
  });
});
