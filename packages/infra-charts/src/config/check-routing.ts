import type { ConfigProblem } from './check-semantics.js';
import type { ProfileConfig, TenantConfig } from './platform-config-schema.js';

type Tenants = ReadonlyArray<{ readonly index: number; readonly tenant: TenantConfig }>;
type Profiles = ReadonlyArray<{ readonly name: string; readonly profile: ProfileConfig }>;

/** The Gateway API caps a Gateway at 64 listeners: HTTP and the wildcard HTTPS take two. */
export const MAX_GATEWAY_LISTENERS = 64;
export const MAX_CUSTOM_HOST_LISTENERS = MAX_GATEWAY_LISTENERS - 2;

/** `<tenant>.<baseDomain>` unless the profile names another hostname for the tenant. */
export function tenantHostname(routing: ProfileConfig['routing'], tenant: string): string {
  return routing.hostnames[tenant] ?? `${tenant}.${routing.baseDomain ?? ''}`;
}

/** Whether the wildcard `*.<baseDomain>` covers a hostname (exactly one label more). */
export function underWildcard(hostname: string, baseDomain: string): boolean {
  const suffix = `.${baseDomain}`;
  return hostname.endsWith(suffix) && !hostname.slice(0, -suffix.length).includes('.');
}

/** Routing rules that span fields: baseDomain when routing is on, known and unique hostnames, issuer settings. */
export function checkRouting(tenants: Tenants, profiles: Profiles): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const names = new Set(tenants.map((t) => t.tenant.name));
  for (const { name, profile } of profiles) {
    const r = profile.routing;
    const at = `profiles.${name}.routing`;
    for (const tenant of Object.keys(r.hostnames).filter((t) => !names.has(t)))
      problems.push({
        path: `${at}.hostnames.${tenant}`,
        message: `names "${tenant}", which is not a declared tenant; allowed: the names under tenants (${[...names].slice(0, 5).join(', ')}${names.size > 5 ? ', …' : ''})`,
      });
    if (r.mode === 'none') continue;
    if (!r.baseDomain) {
      problems.push({
        path: `${at}.baseDomain`,
        message: `is required when routing.mode is "${r.mode}": tenants are reached at <tenant>.<baseDomain>. Set it to your DNS zone (e.g. "127.0.0.1.nip.io" on kind, "api.example.com" on EKS), or set routing.mode: none`,
      });
      continue;
    }
    const owner = new Map<string, string>();
    for (const { tenant } of tenants) {
      const host = tenantHostname(r, tenant.name);
      const other = owner.get(host);
      // A duplicated tenant name is reported once, by checkSemantics.
      if (other === tenant.name) continue;
      if (other)
        problems.push({
          path: `${at}.hostnames.${r.hostnames[tenant.name] ? tenant.name : other}`,
          message: `"${host}" is the hostname of both "${other}" and "${tenant.name}"; every tenant needs its own hostname`,
        });
      else owner.set(host, tenant.name);
    }
    problems.push(...checkTls(at, profile));
    const custom = [...owner.keys()].filter((h) => !underWildcard(h, r.baseDomain as string));
    if (r.mode === 'gateway' && custom.length > MAX_CUSTOM_HOST_LISTENERS)
      problems.push({
        path: `${at}.hostnames`,
        message: `has ${custom.length} hostnames outside *.${r.baseDomain}; a Gateway holds at most ${MAX_GATEWAY_LISTENERS} listeners (${MAX_CUSTOM_HOST_LISTENERS} besides HTTP and the wildcard). Use hostnames of one label under baseDomain, or routing.mode: ingress`,
      });
  }
  return problems;
}

function checkTls(at: string, profile: ProfileConfig): ConfigProblem[] {
  const { tls, mode } = profile.routing;
  const problems: ConfigProblem[] = [];
  if (tls.issuer === 'ca' && !tls.caSecretName)
    problems.push({
      path: `${at}.tls.caSecretName`,
      message:
        'is required when tls.issuer is "ca": name the Secret (tls.crt, tls.key) holding your CA in the cert-manager namespace',
    });
  if (tls.issuer !== 'acme') return problems;
  if (!tls.acme) {
    problems.push({
      path: `${at}.tls.acme`,
      message: 'is required when tls.issuer is "acme": set at least acme.email (docs/edge.md#tls)',
    });
    return problems;
  }
  if (tls.acme.solver === 'dns01' && !tls.acme.route53)
    problems.push({
      path: `${at}.tls.acme.route53`,
      message:
        'is required when acme.solver is "dns01": set route53.region (and hostedZoneID) of the zone of baseDomain',
    });
  if (tls.acme.solver === 'http01' && mode === 'gateway')
    problems.push({
      path: `${at}.tls.acme.solver`,
      message:
        '"http01" cannot issue the wildcard certificate *.<baseDomain> the Gateway serves (ACME issues wildcards over DNS-01 only); set solver: dns01 with route53, or routing.mode: ingress (one certificate per host)',
    });
  return problems;
}
