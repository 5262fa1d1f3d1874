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
      /^tenants\[2\] has unknown field "replica"; remove or rename it/,
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
  ])('rejects %s with a message naming field, value and fix', (_name, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
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
