import { generateConfig } from '../../bench/generate-config.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import type { ManifestFile } from '../../src/manifest/manifest.js';
import { isolationReport } from '../../src/report/isolation-report.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { formatJson, formatText } from '../../src/verify/format-checks.js';
import { verifyProfile } from '../../src/verify/verify-profile.js';

const clean = new Map<number, ManifestFile[]>();
function dist(tenants: number, mutate: (docs: any[]) => void = () => {}): ManifestFile[] {
  if (!clean.has(tenants))
    clean.set(tenants, synthesizeProfile(validatePlatformConfig(generateConfig(tenants)), 'kind'));
  const files = structuredClone(clean.get(tenants) as ManifestFile[]);
  mutate(files.flatMap((f) => f.documents));
  return files;
}
const policy = (docs: any[], namespace: string, name: string) =>
  docs.find((d) => d.kind === 'NetworkPolicy' && d.metadata.namespace === namespace && d.metadata.name === name).spec;
const toNamespace = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });

async function verify(files: ManifestFile[]) {
  const result = await verifyProfile('kind', files);
  const outcome = {
    profile: 'kind',
    checks: result.checks,
    tenants: result.shapes.tenants.length,
    exceptions: result.shapes.exceptions.map((e) => e.tenant),
  };
  return {
    result,
    report: isolationReport('kind', files, result.analysis, result.shapes),
    failed: result.checks.filter((c) => !c.ok).map((c) => c.name),
    text: formatText([outcome], false),
    outcome,
  };
}

describe('verify at 100 tenants', () => {
  it('passes the generated platform: one shape, a summary of one line per guarantee', async () => {
    const { failed, result, text } = await verify(dist(100));
    expect(failed).toEqual([]);
    expect(result.shapes.exceptions).toEqual([]);
    expect(text[0]).toBe('kind: 100 tenants, all of one shape');
    expect(text).toContain('ok   kind: <tenant> -> any other tenant: blocked on every port (100 tenants)');
    expect(text.length).toBeLessThan(30);
  });

  it('writes a REPORT.md whose size does not grow with the tenants', async () => {
    const small = (await verify(dist(10))).report;
    const large = (await verify(dist(100))).report;
    expect(large.split('\n')).toHaveLength(small.split('\n').length);
    expect(large).toContain('| every tenant (100) | 8000/TCP | blocked (0 paths) | blocked | 9000/TCP |');
    expect(large).toContain(
      '| every tenant (100) | <tenant>.127.0.0.1.nip.io | HTTPRoute <tenant>/<tenant>-ml-inference-edge |',
    );
    expect(large).toContain('None: every tenant has the common shape.');
  });

  // Mutation tests: one tenant's policies change; verify must name that tenant (and only the ones involved).
  it.each<[string, (docs: any[]) => void, string[], string[]]>([
    [
      'tenant-0042 egress opened to every namespace',
      (d) => policy(d, 'tenant-0042', 'allow-same-namespace-egress').egress[0].to.push({ namespaceSelector: {} }),
      ['tenant-0042: no other egress'],
      ['tenant-0042'],
    ],
    [
      'tenant-0042 and tenant-0007 opened to each other',
      (d) => {
        policy(d, 'tenant-0042', 'allow-same-namespace-egress').egress[0].to.push(toNamespace('tenant-0007'));
        policy(d, 'tenant-0007', 'allow-api-ingress').ingress[0].from.push(toNamespace('tenant-0042'));
      },
      [
        'tenant-0042 -> any other tenant: blocked on every port',
        'tenant-0042: no other egress',
        'tenant-0007: no other ingress',
      ],
      ['tenant-0007', 'tenant-0042'],
    ],
    [
      'tenant-0042 ingress admits tenant-0007, whose own egress still blocks it',
      (d) => policy(d, 'tenant-0042', 'allow-api-ingress').ingress[0].from.push(toNamespace('tenant-0007')),
      [],
      ['tenant-0042'],
    ],
    [
      'tenant-0042 Role reads secrets',
      (d) =>
        d
          .find((x) => x.kind === 'Role' && x.metadata.name === 'tenant-0042-ml-inference-reader')
          .rules[0].resources.push('secrets'),
      ['tenant-0042/tenant-0042-ml-inference-sa cannot read secrets anywhere'],
      ['tenant-0042'],
    ],
  ])('%s', async (_name, mutate, failing, exceptions) => {
    const { failed, result, text, outcome, report } = await verify(dist(100, mutate));
    expect(failed.sort()).toEqual([...failing].sort());
    expect(result.shapes.exceptions.map((e) => e.tenant)).toEqual(exceptions);
    expect(text[0]).toContain(`${exceptions.length} differ from the common shape: ${exceptions.join(', ')}`);
    for (const name of failing) expect(text).toContain(`  FAIL ${name}`);
    for (const t of exceptions) expect(report).toContain(`- **${t}**`);
    expect(JSON.parse(formatJson([outcome])).profiles[0]).toMatchObject({ ok: failing.length === 0, exceptions });
  });
});

describe('verify of the eks profile at 1000 tenants (IRSA egress checks included)', () => {
  it('summarises every per-tenant check, IRSA egress too, in at most 200 lines of default output', async () => {
    const files = synthesizeProfile(validatePlatformConfig(generateConfig(1000)), 'eks');
    const result = await verifyProfile('eks', files);
    const irsa = result.checks.filter((c) => c.name.includes('IRSA') && c.name.startsWith('tenant-'));
    expect(irsa).toHaveLength(3 * 1000);
    expect(irsa.filter((c) => !c.group?.startsWith('<tenant>/<tenant>-ml-inference'))).toEqual([]);
    // The trainer is no tenant: its IRSA checks stay one line each.
    const trainer = result.checks.filter((c) => c.name.includes('IRSA') && c.name.startsWith('mlops-system/'));
    expect(trainer.map((c) => c.group)).toEqual([undefined, undefined, undefined]);
    const outcome = {
      profile: 'eks',
      checks: result.checks,
      tenants: result.shapes.tenants.length,
      exceptions: result.shapes.exceptions.map((e) => e.tenant),
    };
    const text = formatText([outcome], false);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([]);
    expect(text).toContain(
      'ok   eks: <tenant>/<tenant>-ml-inference: IRSA egress is 443/TCP to its STS/S3 endpoints only (1000 tenants)',
    );
    expect(text.length).toBeLessThanOrEqual(200);
  });
});
