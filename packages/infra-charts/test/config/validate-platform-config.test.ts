import { generateConfig } from '../../bench/generate-config.js';
import { ConfigError, MAX_TENANTS, validatePlatformConfig } from '../../src/config/index.js';
import { rawDefaultConfig } from '../fixtures.js';

function problemsOf(mutate: (raw: ReturnType<typeof rawDefaultConfig>) => void): string[] {
  const raw = rawDefaultConfig();
  mutate(raw);
  try {
    validatePlatformConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path} ${p.message}`);
  }
  throw new Error('expected the config to be rejected');
}

describe('validatePlatformConfig', () => {
  it('accepts the default config and applies defaults', () => {
    const config = validatePlatformConfig(rawDefaultConfig());
    expect(config.tenants.map((t) => t.name)).toEqual(['tenant-a', 'tenant-b']);
    expect(config.tenants[0]).toMatchObject({
      replicas: { min: 2, max: 10 },
      cpuTargetUtilization: 50,
      egressCidrs: [],
      api: { maxBatch: 64 },
    });
  });

  it.each<[string, (raw: ReturnType<typeof rawDefaultConfig>) => void, RegExp]>([
    [
      'a bad tenant name',
      (r) => r.tenants.push({ name: 'Tenant_C' }),
      /^tenants\[2\]\.name "Tenant_C" must be a DNS-1123 label \(lowercase letters, digits, '-'\) \(e\.g\. "tenant-c"\)$/,
    ],
    [
      'a too long tenant name',
      (r) => r.tenants.push({ name: 'a'.repeat(41) }),
      /^tenants\[2\]\.name "a{41}" must be at most 40 characters/,
    ],
    [
      'a duplicate tenant',
      (r) => r.tenants.push({ name: 'tenant-a' }),
      /^tenants\[2\]\.name "tenant-a" duplicates tenants\[0\]\.name/,
    ],
    [
      'minReplicas above maxReplicas',
      (r) => r.tenants.push({ name: 'c', replicas: { min: 5, max: 3 } }),
      /^tenants\[2\]\.replicas min 5 is above max 3; set replicas\.min <= replicas\.max$/,
    ],
    [
      'a zero CPU request',
      (r) =>
        r.tenants.push({
          name: 'c',
          resources: { requests: { cpu: '0', memory: '1Mi' }, limits: { cpu: '1', memory: '1Mi' } },
        }),
      /^tenants\[2\]\.resources\.requests\.cpu "0" must be greater than zero$/,
    ],
    [
      'a negative memory limit',
      (r) =>
        r.tenants.push({
          name: 'c',
          resources: { requests: { cpu: '1', memory: '1Mi' }, limits: { cpu: '1', memory: '-1Mi' } },
        }),
      /^tenants\[2\]\.resources\.limits\.memory "-1Mi" must be a Kubernetes memory quantity/,
    ],
    [
      'a limit below its request',
      (r) =>
        r.tenants.push({
          name: 'c',
          resources: { requests: { cpu: '2', memory: '1Mi' }, limits: { cpu: '500m', memory: '1Mi' } },
        }),
      /^tenants\[2\]\.resources\.limits\.cpu "500m" is below requests\.cpu "2"; raise the limit or lower the request$/,
    ],
    [
      'an unknown profile',
      (r) => Object.assign(r.profiles as object, { staging: {} }),
      /^profiles has unknown profile "staging"; allowed: kind, eks$/,
    ],
    [
      'a reserved namespace',
      (r) => r.tenants.push({ name: 'kube-system' }),
      /^tenants\[2\]\.name "kube-system" is a reserved namespace \(.*\); choose another tenant name$/,
    ],
    [
      'the monitoring namespace',
      (r) => r.tenants.push({ name: 'monitoring' }),
      /^tenants\[2\]\.name "monitoring" is a reserved namespace/,
    ],
    [
      'an unknown field',
      (r) => r.tenants.push({ name: 'c', replica: 3 }),
      /^tenants\[2\]\.replica is not a known field \(did you mean "replicas"\?\); remove or rename it\. Allowed in tenants\[2\]: name, replicas, /,
    ],
    [
      'an unpinned image',
      (r) => ((r.profiles as { kind: { images: { api: { tag: string } } } }).kind.images.api.tag = 'latest'),
      /^profiles\.kind\.images\.api\.tag "latest" must be pinned/,
    ],
    [
      'a bad CIDR',
      (r) => r.tenants.push({ name: 'c', egressCidrs: ['10.0.0.0'] }),
      /^tenants\[2\]\.egressCidrs\[0\] "10\.0\.0\.0" must be an IPv4 CIDR/,
    ],
    [
      'a quota too small for max replicas',
      (r) => r.tenants.push({ name: 'c', replicas: { min: 2, max: 30 } }),
      /^profiles\.kind\.tenantDefaults\.quota\.pods 12 cannot hold tenant "c" in profile kind: replicas\.max 30 \+ 1 surge pod = 31/,
    ],
    ['no tenants', (r) => (r.tenants = []), /^tenants \[\] must declare at least one tenant: add an entry such as/],
    [
      'more tenants than the supported maximum',
      (r) => (r.tenants = generateConfig(MAX_TENANTS + 1).tenants),
      /^tenants \[5001 items\] declares 5001 tenants; at most 5,000 are supported .*; split the tenants across platforms, one config per cluster$/,
    ],
    [
      'a misspelt field (British spelling)',
      (r) => r.tenants.push({ name: 'c', cpuTargetUtilisation: 60 }),
      /^tenants\[2\]\.cpuTargetUtilisation is not a known field \(did you mean "cpuTargetUtilization"\?\)/,
    ],
    [
      'an unknown field with nothing close',
      (r) => r.tenants.push({ name: 'c', colour: 'blue' }),
      /^tenants\[2\]\.colour is not a known field; remove or rename it/,
    ],
    [
      'a string where a number belongs (no raw zod text)',
      (r) => r.tenants.push({ name: 'c', replicas: { min: 'two', max: 3 } }),
      /^tenants\[2\]\.replicas\.min "two" must be a number, not a string; see docs\/config\.md for this field$/,
    ],
    [
      'a number out of range',
      (r) => r.tenants.push({ name: 'c', cpuTargetUtilization: 150 }),
      /^tenants\[2\]\.cpuTargetUtilization 150 must be at most 100$/,
    ],
    [
      'a label value the API server rejects',
      (r) => r.tenants.push({ name: 'c', labels: { team: 'a b!' } }),
      /^tenants\[2\]\.labels\.team "a b!" must be at most 63 characters: letters, digits, .* \(e\.g\. "a-b"\)$/,
    ],
    [
      'a label value longer than 63 characters',
      (r) => r.tenants.push({ name: 'c', labels: { team: 'x'.repeat(64) } }),
      /^tenants\[2\]\.labels\.team "x{64}" must be at most 63 characters/,
    ],
    [
      'a label key with a bad name',
      (r) => r.tenants.push({ name: 'c', labels: { 'team!': 'a' } }),
      /^tenants\[2\]\.labels\.team! key "team!" has name "team!", which must be 1-63 characters/,
    ],
    [
      'a label key with a bad prefix',
      (r) => r.tenants.push({ name: 'c', labels: { 'Example.com/team': 'a' } }),
      /has prefix "Example\.com", which must be a DNS subdomain/,
    ],
    [
      'a reserved label key (app.kubernetes.io/*)',
      (r) => r.tenants.push({ name: 'c', labels: { 'app.kubernetes.io/name': 'x' } }),
      /^tenants\[2\]\.labels\.app\.kubernetes\.io\/name key "app\.kubernetes\.io\/name" is a reserved label key \(the platform sets app\.kubernetes\.io\/\* itself\)/,
    ],
    [
      "the platform's own label key",
      (r) => r.tenants.push({ name: 'c', labels: { 'mlops.platform/tenant': 'x' } }),
      /is a reserved label key \(the platform sets mlops\.platform\/\* itself\)/,
    ],
    [
      'no profiles',
      (r) => (r.profiles = {}),
      /^profiles \{\} declares no profile, so synth would write nothing; add at least one of kind, eks/,
    ],
    [
      'world-open egress',
      (r) => r.tenants.push({ name: 'c', egressCidrs: ['0.0.0.0/0'] }),
      /^tenants\[2\]\.egressCidrs\[0\] "0\.0\.0\.0\/0" opens egress to every address on the internet, which undoes tenant isolation/,
    ],
  ])('rejects %s with a message naming field, value and fix', (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it.each([
    ['a plain label', { team: 'payments' }],
    ['an empty label value', { team: '' }],
    ['a prefixed label', { 'example.com/cost-center': 'cc_42.a' }],
  ])('accepts %s', (_name, labels) => {
    const raw = rawDefaultConfig();
    raw.tenants.push({ name: 'c', labels });
    expect(validatePlatformConfig(raw).tenants[2]?.labels).toEqual(labels);
  });

  it.each([null, undefined])('refuses an empty file (%s) with the fix, not raw zod text', (raw) => {
    expect(() => validatePlatformConfig(raw, 'empty.yaml')).toThrow(
      /^empty\.yaml: 1 problem in the platform config:\n {2}- \(root\) is empty; a config needs profiles and tenants: start from platform\.config\.yaml/,
    );
  });

  it.each([
    [1, 'accepts'],
    [MAX_TENANTS, 'accepts'],
    [MAX_TENANTS + 1, 'refuses'],
  ])('%i tenants: %s (the supported range is 1 to MAX_TENANTS)', (n, verdict) => {
    const raw = generateConfig(n);
    if (verdict === 'accepts') expect(validatePlatformConfig(raw).tenants).toHaveLength(n);
    else
      expect(() => validatePlatformConfig(raw)).toThrow(`at most ${MAX_TENANTS.toLocaleString('en-US')} are supported`);
  });

  it('lists every problem at once, not one per run', () => {
    const problems = problemsOf((r) => {
      r.tenants.push({ name: 'Tenant_C' }, { name: 'tenant-a' }, { name: 'd', replicas: { min: 4, max: 2 } });
    });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/Tenant_C[\s\S]*duplicates[\s\S]*min 4 is above max 2/);
  });

  it('puts every problem on its own line of the error message', () => {
    const raw = rawDefaultConfig();
    raw.tenants.push({ name: 'Bad' }, { name: 'default' });
    expect(() => validatePlatformConfig(raw, 'my.yaml')).toThrow(
      /^my\.yaml: 2 problems in the platform config:\n {2}- tenants\[2\]\.name .*\n {2}- tenants\[3\]\.name /,
    );
  });
});
