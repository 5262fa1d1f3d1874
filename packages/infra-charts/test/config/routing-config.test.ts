import { ConfigError, MAX_CUSTOM_HOST_LISTENERS, validatePlatformConfig } from '../../src/config/index.js';
import { rawDefaultConfig } from '../fixtures.js';

type Raw = ReturnType<typeof rawDefaultConfig>;
type Profile = Record<string, unknown> & { routing?: Record<string, unknown>; tenantDefaults: Record<string, unknown> };
const kind = (r: Raw) => (r.profiles as Record<string, Profile>).kind as Profile;
const eks = (r: Raw) => (r.profiles as Record<string, Profile>).eks as Profile;

function problemsOf(mutate: (raw: Raw) => void): string[] {
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

describe('routing, auth and rate-limit config', () => {
  it('defaults: routing off, auth required, limits set, when a profile says nothing', () => {
    const raw = rawDefaultConfig();
    delete kind(raw).routing;
    const profile = validatePlatformConfig(raw).profiles.kind;
    expect(profile?.routing).toMatchObject({ mode: 'none', hostnames: {}, httpsRedirect: true });
    expect(profile?.tenantDefaults.auth).toBe('required');
    expect(profile?.tenantDefaults.rateLimits).toEqual({ requestsPerSecond: 100, burst: 200, concurrency: 64 });
  });

  it('accepts the repository config: kind on Gateway API with a self-signed issuer, eks with ACME DNS-01', () => {
    const config = validatePlatformConfig(rawDefaultConfig());
    expect(config.profiles.kind?.routing).toMatchObject({ mode: 'gateway', baseDomain: '127.0.0.1.nip.io' });
    expect(config.profiles.eks?.routing.tls).toMatchObject({ issuer: 'acme', acme: { solver: 'dns01' } });
  });

  it.each<[string, (raw: Raw) => void, RegExp]>([
    [
      'routing on without a baseDomain',
      (r) => {
        kind(r).routing = { mode: 'gateway' };
      },
      /^profiles\.kind\.routing\.baseDomain is required when routing\.mode is "gateway".*e\.g\. "127\.0\.0\.1\.nip\.io".*or set routing\.mode: none$/,
    ],
    [
      'an unknown routing mode',
      (r) => {
        kind(r).routing = { mode: 'loadbalancer', baseDomain: 'mlops.local' };
      },
      /^profiles\.kind\.routing\.mode "loadbalancer" must be one of gateway, ingress, none$/,
    ],
    [
      'a baseDomain that is not a DNS name',
      (r) => {
        kind(r).routing = { mode: 'ingress', baseDomain: 'Bad_Domain' };
      },
      /^profiles\.kind\.routing\.baseDomain "Bad_Domain" must be a DNS name/,
    ],
    [
      'a tenant hostname that is not a DNS name',
      (r) => {
        kind(r).routing = { mode: 'gateway', baseDomain: 'mlops.local', hostnames: { 'tenant-a': 'api..example.com' } };
      },
      /^profiles\.kind\.routing\.hostnames\.tenant-a "api\.\.example\.com" must be a DNS name/,
    ],
    [
      'a hostname label longer than 63 characters',
      (r) => {
        kind(r).routing = { mode: 'gateway', baseDomain: `${'a'.repeat(64)}.example.com` };
      },
      /^profiles\.kind\.routing\.baseDomain ".*" must be a DNS name .*"a{64}" is not a valid label$/,
    ],
    [
      'a hostname for an undeclared tenant',
      (r) => {
        kind(r).routing = { mode: 'gateway', baseDomain: 'mlops.local', hostnames: { 'tenant-z': 'z.example.com' } };
      },
      /^profiles\.kind\.routing\.hostnames\.tenant-z names "tenant-z", which is not a declared tenant; allowed: .*tenant-a, tenant-b/,
    ],
    [
      'two tenants on one hostname',
      (r) => {
        kind(r).routing = {
          mode: 'gateway',
          baseDomain: 'mlops.local',
          hostnames: { 'tenant-b': 'tenant-a.mlops.local' },
        };
      },
      /^profiles\.kind\.routing\.hostnames\.tenant-b "tenant-a\.mlops\.local" is the hostname of both "tenant-a" and "tenant-b"/,
    ],
    [
      'a CA issuer without its Secret',
      (r) => {
        kind(r).routing = { mode: 'gateway', baseDomain: 'mlops.local', tls: { issuer: 'ca' } };
      },
      /^profiles\.kind\.routing\.tls\.caSecretName is required when tls\.issuer is "ca"/,
    ],
    [
      'an ACME issuer without its settings',
      (r) => {
        kind(r).routing = { mode: 'ingress', baseDomain: 'mlops.local', tls: { issuer: 'acme' } };
      },
      /^profiles\.kind\.routing\.tls\.acme is required when tls\.issuer is "acme"/,
    ],
    [
      'ACME HTTP-01 for the Gateway wildcard',
      (r) => {
        kind(r).routing = {
          mode: 'gateway',
          baseDomain: 'mlops.local',
          tls: { issuer: 'acme', acme: { email: 'ops@example.com', solver: 'http01' } },
        };
      },
      /^profiles\.kind\.routing\.tls\.acme\.solver "http01" cannot issue the wildcard certificate.*set solver: dns01/,
    ],
    [
      'ACME DNS-01 without a Route 53 zone',
      (r) => {
        kind(r).routing = {
          mode: 'ingress',
          baseDomain: 'mlops.local',
          tls: { issuer: 'acme', acme: { email: 'ops@example.com', solver: 'dns01' } },
        };
      },
      /^profiles\.kind\.routing\.tls\.acme\.route53 is required when acme\.solver is "dns01"/,
    ],
    [
      'an ACME e-mail that is not one',
      (r) => {
        kind(r).routing = {
          mode: 'ingress',
          baseDomain: 'mlops.local',
          tls: { issuer: 'acme', acme: { email: 'ops' } },
        };
      },
      /^profiles\.kind\.routing\.tls\.acme\.email "ops" must be an e-mail address/,
    ],
    [
      'gateway pods selected by no label',
      (r) => {
        kind(r).routing = { mode: 'gateway', baseDomain: 'mlops.local', edgePods: { namespace: 'eg', podLabels: {} } };
      },
      /^profiles\.kind\.routing\.edgePods\.podLabels .*must name at least one label/,
    ],
    [
      'a zero requests-per-second limit',
      (r) => {
        kind(r).tenantDefaults.rateLimits = { requestsPerSecond: 0 };
      },
      /^profiles\.kind\.tenantDefaults\.rateLimits\.requestsPerSecond 0 must be greater than zero \(requests per second\); a limit of 0 would refuse every request/,
    ],
    [
      'a negative burst on a tenant',
      (r) => r.tenants.push({ name: 'c', rateLimits: { burst: -5 } }),
      /^tenants\[2\]\.rateLimits\.burst -5 must be greater than zero \(requests\)/,
    ],
    [
      'a fractional concurrency',
      (r) => r.tenants.push({ name: 'c', rateLimits: { concurrency: 1.5 } }),
      /^tenants\[2\]\.rateLimits\.concurrency 1\.5 must be a whole number of requests in flight$/,
    ],
    [
      'an unknown auth mode',
      (r) => r.tenants.push({ name: 'c', auth: 'optional' }),
      /^tenants\[2\]\.auth "optional" must be one of required, off$/,
    ],
  ])('rejects %s with the field, the value and the fix', (_, mutate, expected) => {
    expect(problemsOf(mutate)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('lists every edge problem at once', () => {
    const problems = problemsOf((r) => {
      kind(r).routing = { mode: 'gateway' };
      eks(r).tenantDefaults.rateLimits = { burst: 0, concurrency: -1 };
    });
    expect(problems.filter((p) => /routing|rateLimits/.test(p))).toHaveLength(3);
  });

  it(`caps hostnames outside the wildcard at ${MAX_CUSTOM_HOST_LISTENERS} in gateway mode, not in ingress mode`, () => {
    const many = (raw: Raw, mode: string) => {
      raw.tenants = Array.from({ length: MAX_CUSTOM_HOST_LISTENERS + 1 }, (_, i) => ({ name: `t${i}` }));
      kind(raw).routing = {
        mode,
        baseDomain: 'mlops.local',
        hostnames: Object.fromEntries(raw.tenants.map((t) => [t.name, `api.${t.name}.example.com`])),
      };
      delete (raw.profiles as Record<string, unknown>).eks;
    };
    expect(problemsOf((r) => many(r, 'gateway'))).toEqual([
      expect.stringMatching(
        /^profiles\.kind\.routing\.hostnames has 63 hostnames outside \*\.mlops\.local; a Gateway holds at most 64 listeners/,
      ),
    ]);
    const raw = rawDefaultConfig();
    many(raw, 'ingress');
    expect(() => validatePlatformConfig(raw)).not.toThrow();
  });
});
