import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CLUSTER_SCOPED_KINDS } from '../../src/guardrails/cluster-scoped.js';
import { runGuardrails } from '../../src/guardrails/run-guardrails.js';
import { GuardrailError } from '../../src/guardrails/violation.js';
import { synthesize } from '../../src/synth/synthesize.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { defaultConfig, rawDefaultConfig } from '../fixtures.js';

function writeConfig(dir: string, raw: unknown): string {
  const file = join(dir, 'platform.json');
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

function readDir(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('synthesize', () => {
  const work = mkdtempSync(join(tmpdir(), 'synth-test-'));

  it('writes one folder per profile with namespaces first, then one file per tenant', async () => {
    const out = join(work, 'layout');
    const results = await synthesize({ configFile: writeConfig(work, rawDefaultConfig()), outDir: out });
    expect(results.map((r) => r.profile)).toEqual(['kind', 'eks']);
    expect(readdirSync(join(out, 'kind')).sort()).toEqual([
      '00-namespaces.yaml',
      '05-scheduling.yaml',
      '10-metrics-server.yaml',
      '15-edge.yaml',
      '20-object-storage.yaml',
      '30-monitoring.yaml',
      '50-tenant-tenant-a.yaml',
      '50-tenant-tenant-b.yaml',
      'Kustomization',
      'REPORT.md',
    ]);
    const docs = parseAllDocuments(readFileSync(join(out, 'kind', '00-namespaces.yaml'), 'utf8')).map((d) =>
      d.toJSON(),
    );
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'Namespace/mlops-gateway',
      'Namespace/minio',
      'Namespace/mlops-system',
      'Namespace/monitoring',
      'Namespace/tenant-a',
      'Namespace/tenant-b',
    ]);
  });

  it('is byte-identical across two runs', async () => {
    const config = writeConfig(work, rawDefaultConfig());
    await synthesize({ configFile: config, outDir: join(work, 'a') });
    await synthesize({ configFile: config, outDir: join(work, 'b') });
    expect(readDir(join(work, 'a', 'kind'))).toEqual(readDir(join(work, 'b', 'kind')));
    expect(readDir(join(work, 'a', 'eks'))).toEqual(readDir(join(work, 'b', 'eks')));
  });

  it("removes a removed tenant's file, keeps a user's file, and says what it added and removed", async () => {
    const out = join(work, 'remove');
    const raw = rawDefaultConfig();
    const first = await synthesize({ configFile: writeConfig(work, raw), outDir: out });
    expect(first[0]?.added).toContain('50-tenant-tenant-b.yaml');
    writeFileSync(join(out, 'kind', 'notes.yaml'), 'mine: true\n');
    raw.tenants = raw.tenants.slice(0, 1);
    const [kind] = await synthesize({ configFile: writeConfig(work, raw), outDir: out, profiles: ['kind'] });
    expect(kind?.removed).toEqual(['50-tenant-tenant-b.yaml']);
    expect(kind?.added).toEqual([]);
    expect(kind?.foreign).toEqual(['notes.yaml']);
    expect(kind?.written).toEqual(expect.arrayContaining(['00-namespaces.yaml', 'Kustomization']));
    expect(readdirSync(join(out, 'kind')).sort()).toEqual([
      '00-namespaces.yaml',
      '05-scheduling.yaml',
      '10-metrics-server.yaml',
      '15-edge.yaml',
      '20-object-storage.yaml',
      '30-monitoring.yaml',
      '50-tenant-tenant-a.yaml',
      'Kustomization',
      'REPORT.md',
      'notes.yaml',
    ]);
    const kustomization = readFileSync(join(out, 'kind', 'Kustomization'), 'utf8');
    expect(kustomization).toContain('  - 30-monitoring.yaml\n  - 50-tenant-tenant-a.yaml\n');
    expect(kustomization).not.toMatch(/tenant-b|notes/);
    expect(readFileSync(join(out, 'kind', '00-namespaces.yaml'), 'utf8')).not.toContain('tenant-b');
  });

  it('never puts a namespace on cluster-scoped objects and never hashes names', () => {
    for (const file of synthesizeProfile(defaultConfig(), 'kind')) {
      for (const doc of file.documents) {
        if (CLUSTER_SCOPED_KINDS.has(doc.kind)) expect(doc.metadata.namespace).toBeUndefined();
        else
          expect(doc.metadata.namespace).toMatch(
            /^(tenant-[ab]|minio|mlops-system|monitoring|kube-system|mlops-gateway)$/,
          );
        expect(doc.metadata.name).not.toMatch(/-c8[0-9a-f]{6}$/);
      }
    }
  });

  it('produces the expected tenant file (snapshot, alongside the field assertions)', () => {
    const files = synthesizeProfile(defaultConfig(), 'kind');
    const tenantA = files.find((f) => f.name === '50-tenant-tenant-a.yaml');
    expect(tenantA?.documents.map((d) => `${d.kind}/${d.metadata.name}`)).toMatchSnapshot();
    expect(tenantA?.documents.find((d) => d.kind === 'Deployment')).toMatchSnapshot();
  });

  it('rejects an unknown --profile naming the allowed ones', async () => {
    await expect(
      synthesize({ configFile: writeConfig(work, rawDefaultConfig()), outDir: join(work, 'x'), profiles: ['prod'] }),
    ).rejects.toThrow('--profile "prod" is not declared in the config; allowed: kind, eks');
  });
});

describe('runGuardrails', () => {
  const files = () => synthesizeProfile(defaultConfig(), 'kind');
  const mutate = (fn: (docs: Array<Record<string, any>>) => void) => {
    const all = files();
    fn(all.flatMap((f) => f.documents) as Array<Record<string, any>>);
    return runGuardrails(all);
  };

  it('passes the synthesized default config', async () => {
    expect(await runGuardrails(files())).toEqual([]);
  });

  it('names file, object and rule for a privileged container', async () => {
    const violations = await mutate((docs) => {
      const d = docs.find((x) => x.kind === 'Deployment' && x.metadata.namespace === 'tenant-b');
      d!.spec.template.spec.containers[0].securityContext.privileged = true;
    });
    expect(violations).toEqual([
      {
        file: '50-tenant-tenant-b.yaml',
        object: 'Deployment tenant-b/tenant-b-ml-inference',
        rule: 'pod-security/privileged',
        detail: 'container "inference-api" must not be privileged',
      },
    ]);
  });

  it('flags a tenant namespace without its default-deny policy', async () => {
    const violations = await mutate((docs) => {
      const p = docs.find(
        (x) =>
          x.kind === 'NetworkPolicy' && x.metadata.name === 'default-deny-all' && x.metadata.namespace === 'tenant-a',
      );
      p!.spec.policyTypes = ['Ingress'];
    });
    expect(violations.map((v) => `${v.object} ${v.rule}`)).toEqual(['Namespace tenant-a network/default-deny']);
  });

  it('flags missing limits and schema errors', async () => {
    const violations = await mutate((docs) => {
      const d = docs.find((x) => x.kind === 'Deployment' && x.metadata.namespace === 'tenant-a');
      delete d!.spec.template.spec.containers[0].resources.limits;
      d!.spec.template.spec.containers[0].ports[0].containerPort = 'eight thousand';
    });
    expect(violations.map((v) => v.rule).sort()).toEqual([
      'resources/declared',
      'resources/declared',
      'schema/openapi',
    ]);
    expect(violations.find((v) => v.rule === 'schema/openapi')?.detail).toMatch(/containerPort must be integer/);
  });

  it('flags a namespace on a cluster-scoped object', async () => {
    const violations = await mutate((docs) => {
      Object.assign(docs.find((x) => x.kind === 'Namespace')!.metadata, { namespace: 'default' });
      Object.assign(docs.find((x) => x.kind === 'ClusterRole')!.metadata, { namespace: 'kube-system' });
    });
    expect(violations.map((v) => v.rule)).toContain('metadata/cluster-scoped');
  });
});

describe('guardrail errors', () => {
  it('names the file, object and rule of each violation', () => {
    const error = new GuardrailError([
      {
        file: 'kind/50-tenant-x.yaml',
        object: 'Deployment x/y',
        rule: 'pod-security/privileged',
        detail: 'container "c" must not be privileged',
      },
    ]);
    expect(error.message).toBe(
      '1 guardrail violation:\n  - kind/50-tenant-x.yaml: Deployment x/y: pod-security/privileged: container "c" must not be privileged',
    );
  });
});
