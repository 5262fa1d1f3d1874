import type { Manifest } from '../../src/manifest/manifest.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { diffIsolation } from '../../src/verify/diff-isolation.js';
import { defaultConfig } from '../fixtures.js';

describe('diffIsolation', () => {
  const before = synthesizeProfile(defaultConfig(), 'kind').flatMap((f) => f.documents);

  it('reports nothing for identical manifests', () => {
    expect(diffIsolation(before, before)).toEqual([]);
  });

  it('lists a newly allowed flow and a newly granted permission', () => {
    const after = structuredClone(before) as any[];
    after
      .find(
        (d) =>
          d.kind === 'NetworkPolicy' &&
          d.metadata.namespace === 'tenant-b' &&
          d.metadata.name === 'allow-same-namespace-egress',
      )
      .spec.egress[0].to.push({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tenant-a' } } });
    after
      .find(
        (d) =>
          d.kind === 'NetworkPolicy' && d.metadata.namespace === 'tenant-a' && d.metadata.name === 'allow-api-ingress',
      )
      .spec.ingress[0].from.push({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tenant-b' } } });
    after
      .find((d) => d.kind === 'Role' && d.metadata.name === 'tenant-a-ml-inference-reader')
      .rules[0].resources.push('secrets');
    const lines = diffIsolation(before, after as Manifest[]);
    expect(lines).toContain('+ flow tenant-b/tenant-b-ml-inference -> tenant-a/tenant-a-ml-inference:8000/TCP');
    expect(lines).toContain(
      '+ grant tenant-a/tenant-a-ml-inference-sa @ tenant-a: get,list,watch pods,services,configmaps,secrets',
    );
    expect(lines).toContain(
      '- grant tenant-a/tenant-a-ml-inference-sa @ tenant-a: get,list,watch pods,services,configmaps',
    );
  });
});
