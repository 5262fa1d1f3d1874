import type { Manifest } from '../../src/manifest/manifest.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { analyzeRbac, can } from '../../src/verify/rbac-analysis.js';
import { verifyProfile } from '../../src/verify/verify-profile.js';
import { defaultConfig } from '../fixtures.js';

async function failures(mutate: (docs: any[], files: Array<{ name: string; documents: Manifest[] }>) => void) {
  const files = synthesizeProfile(defaultConfig(), 'kind').map((f) => ({
    ...f,
    documents: structuredClone(f.documents) as Manifest[],
  }));
  mutate(
    files.flatMap((f) => f.documents),
    files,
  );
  const result = await verifyProfile('kind', files);
  return result.checks.filter((c) => !c.ok);
}
const find = (docs: any[], kind: string, namespace: string, name: string) =>
  docs.find((d) => d.kind === kind && d.metadata.namespace === namespace && d.metadata.name === name);

describe('verifyProfile', () => {
  it('passes the synthesized platform', async () => {
    expect(await failures(() => {})).toEqual([]);
  });

  it('fails on a missing default-deny, naming file, object and rule', async () => {
    const failed = await failures((_docs, files) => {
      const file = files.find((f) => f.name === '50-tenant-tenant-b.yaml')!;
      file.documents = file.documents.filter((d) => d.metadata.name !== 'default-deny-all');
    });
    // The other policies still isolate today's pods (defense in depth); the missing baseline is what fails.
    expect(failed.map((c) => c.name)).toEqual([
      'schema, Pod Security restricted, resources, default-deny (guardrails)',
    ]);
    expect(failed[0]?.detail).toContain('00-namespaces.yaml: Namespace tenant-b: network/default-deny');
  });

  it('fails on a namespaceSelector {} that opens a tenant to every namespace', async () => {
    const failed = await failures((docs) => {
      find(docs, 'NetworkPolicy', 'tenant-a', 'allow-api-ingress').spec.ingress[0].from.push({ namespaceSelector: {} });
    });
    // tenant-b's own egress policy still blocks it; pods without egress policies (kube-system) now get in.
    expect(failed.map((c) => c.name)).toEqual(['tenant-a: no other ingress']);
    expect(failed[0]?.detail).toContain('kube-system/metrics-server:8000/TCP');
  });

  it('fails on a Role with "*"', async () => {
    const failed = await failures((docs) => {
      find(docs, 'Role', 'tenant-a', 'tenant-a-ml-inference-reader').rules = [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      ];
    });
    expect(failed.map((c) => c.name)).toEqual(['tenant-a/tenant-a-ml-inference-sa cannot read secrets anywhere']);
    expect(failed[0]?.detail).toBe('tenant-a');
  });

  it('fails on a privileged container, naming file, object and rule', async () => {
    const failed = await failures((docs) => {
      find(
        docs,
        'Deployment',
        'tenant-a',
        'tenant-a-ml-inference',
      ).spec.template.spec.containers[0].securityContext.privileged = true;
    });
    expect(failed[0]?.detail).toContain(
      '50-tenant-tenant-a.yaml: Deployment tenant-a/tenant-a-ml-inference: pod-security/privileged',
    );
  });

  it('fails on unknown fields (a misspelt or invented one), naming the path, kind and fix', async () => {
    const failed = await failures((docs) => {
      const deployment = find(docs, 'Deployment', 'tenant-a', 'tenant-a-ml-inference');
      deployment.spec.template.spec.containers[0].readinesProbe = { httpGet: { path: '/ready', port: 'http' } };
      find(docs, 'NetworkPolicy', 'tenant-b', 'allow-api-ingress').spec.ingress[0].from[0].podSelector.matchLabel = {};
      find(docs, 'Service', 'tenant-a', 'tenant-a-ml-inference-svc').metadata.labelz = { a: 'b' };
    });
    expect(failed.map((c) => c.name)).toEqual([
      'schema, Pod Security restricted, resources, default-deny (guardrails)',
    ]);
    const detail = failed[0]?.detail ?? '';
    expect(detail).toContain(
      '50-tenant-tenant-a.yaml: Deployment tenant-a/tenant-a-ml-inference: schema/openapi: /spec/template/spec/containers/0/readinesProbe is not a field of Deployment in apps/v1; remove it or fix its spelling',
    );
    expect(detail).toContain('/spec/ingress/0/from/0/podSelector/matchLabel is not a field of NetworkPolicy');
    expect(detail).toContain('/metadata/labelz is not a field of Service in v1');
  });

  it('fails on a Service that selects no pods and an HPA without its Deployment', async () => {
    const failed = await failures((docs) => {
      find(docs, 'Service', 'tenant-a', 'tenant-a-ml-inference-svc').spec.selector = { app: 'nothing' };
      find(docs, 'HorizontalPodAutoscaler', 'tenant-b', 'tenant-b-ml-inference-hpa').spec.scaleTargetRef.name = 'gone';
    });
    const detail = failed.find((c) => c.name.startsWith('what an API server would reject'))?.detail ?? '';
    expect(detail).toContain('Service tenant-a/tenant-a-ml-inference-svc: selector matches no pod template');
    expect(detail).toContain(
      'HorizontalPodAutoscaler tenant-b/tenant-b-ml-inference-hpa: scaleTargetRef Deployment/gone does not exist',
    );
  });
});

describe('RBAC references', () => {
  it('fails when a RoleBinding binds a ServiceAccount or Role that does not exist', async () => {
    const failed = await failures((docs) => {
      const binding = find(docs, 'RoleBinding', 'tenant-a', 'tenant-a-ml-inference-reader-binding');
      binding.subjects[0].name = 'ghost';
      binding.roleRef.name = 'missing-role';
    });
    const detail =
      failed.find((c) => c.name === 'RoleBindings refer to existing Roles and ServiceAccounts')?.detail ?? '';
    expect(detail).toContain('refers to missing Role/tenant-a/missing-role');
    expect(detail).toContain('binds ServiceAccount tenant-a/ghost, which is not defined');
  });
});

describe('RBAC analysis', () => {
  it('answers can-i like kubectl for tenant ServiceAccounts', () => {
    const { grants } = analyzeRbac(synthesizeProfile(defaultConfig(), 'kind').flatMap((f) => f.documents));
    const sa = 'tenant-a/tenant-a-ml-inference-sa';
    expect(can(grants, sa, 'list', 'pods', 'tenant-a')).toBe(true);
    expect(can(grants, sa, 'list', 'pods', 'tenant-b')).toBe(false);
    expect(can(grants, sa, 'get', 'secrets', 'tenant-a')).toBe(false);
    expect(can(grants, sa, 'delete', 'pods', 'tenant-a')).toBe(false);
    expect(can(grants, 'monitoring/prometheus', 'list', 'pods', 'tenant-b')).toBe(true);
    // Label discovery needs a cluster-wide pod watch (constant in tenants); nothing more than list/watch pods.
    expect(can(grants, 'monitoring/prometheus', 'watch', 'pods', 'minio')).toBe(true);
    expect(can(grants, 'monitoring/prometheus', 'get', 'pods', 'tenant-b')).toBe(false);
    expect(can(grants, 'monitoring/prometheus', 'get', 'secrets', 'tenant-b')).toBe(false);
  });
});
