import { API_KEYS_MOUNT_DIR, API_KEYS_SECRET_KEY, apiKeysSecret } from '@mlops/shared/contract';
import { generateConfig } from '../../bench/generate-config.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import { checkObjectSize } from '../../src/guardrails/check-object-size.js';
import { runGuardrails } from '../../src/guardrails/run-guardrails.js';
import type { Manifest, ManifestFile } from '../../src/manifest/manifest.js';
import { externalSecrets } from '../../src/secrets/external-secrets.js';
import { EDGE_FILE, synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { CONFIG_CHECKSUM_ANNOTATION } from '../../src/workload/add-config-checksums.js';
import { rawDefaultConfig } from '../fixtures.js';
import { find } from '../support/monitoring-fixtures.js';

type Raw = ReturnType<typeof rawDefaultConfig> & { profiles: Record<string, Record<string, unknown>> };

/** dist/kind for the default config with another routing section (and tenant tweaks). */
function synthKind(routing: Record<string, unknown>, tweak: (raw: Raw) => void = () => {}): ManifestFile[] {
  const raw = rawDefaultConfig() as Raw;
  (raw.profiles.kind as Record<string, unknown>).routing = routing;
  tweak(raw);
  return synthesizeProfile(validatePlatformConfig(raw), 'kind');
}
const all = (files: readonly ManifestFile[]): Manifest[] => files.flatMap((f) => f.documents as Manifest[]);
/** tenant-a's API ingress policy (other namespaces have one of that name too). */
const apiIngress = (objects: readonly Manifest[]): any =>
  objects.find((o) => o.metadata.namespace === 'tenant-a' && o.metadata.name === 'allow-api-ingress')?.spec ?? {};
const GATEWAY = { mode: 'gateway', baseDomain: 'mlops.local', tls: { issuer: 'selfSigned' } };

describe('the tenant edge, gateway mode', () => {
  const files = synthKind({ ...GATEWAY, hostnames: { 'tenant-b': 'predict.example.org' } });
  const objects = all(files);

  it('puts the platform objects in their own file, applied after the namespaces and before the tenants', () => {
    const names = files.map((f) => f.name);
    expect(names).toContain(EDGE_FILE);
    expect(names.indexOf(EDGE_FILE)).toBeGreaterThan(names.indexOf('00-namespaces.yaml'));
    expect(names.indexOf(EDGE_FILE)).toBeLessThan(names.indexOf('50-tenant-tenant-a.yaml'));
    const edge = files.find((f) => f.name === EDGE_FILE)?.documents.map((d) => `${d.kind}/${d.metadata.name}`);
    expect(edge).toEqual([
      'ClusterIssuer/mlops-platform-edge',
      'Gateway/edge',
      'HTTPRoute/https-redirect',
      'Certificate/edge-wildcard',
      'Certificate/edge-tenant-b',
      'NetworkPolicy/default-deny-all',
      'NetworkPolicy/allow-dns-egress',
    ]);
    expect(find(objects, 'Namespace', 'mlops-gateway').metadata.labels['pod-security.kubernetes.io/enforce']).toBe(
      'restricted',
    );
  });

  it('serves default hostnames on one wildcard listener, custom ones on a listener of their own tenant only', () => {
    const listeners = find(objects, 'Gateway', 'edge').spec.listeners;
    expect(listeners.map((l: { name: string; hostname?: string }) => [l.name, l.hostname])).toEqual([
      ['https', '*.mlops.local'],
      ['https-tenant-b', 'predict.example.org'],
      ['http', undefined],
    ]);
    expect(listeners[0].allowedRoutes.namespaces).toEqual({
      from: 'Selector',
      selector: { matchLabels: { 'mlops.platform/role': 'tenant' } },
    });
    expect(listeners[1].allowedRoutes.namespaces.selector.matchLabels).toEqual({
      'kubernetes.io/metadata.name': 'tenant-b',
    });
    expect(listeners[2].allowedRoutes.namespaces).toEqual({ from: 'Same' });
    expect(find(objects, 'Certificate', 'edge-wildcard').spec.dnsNames).toEqual(['*.mlops.local']);
    expect(find(objects, 'Certificate', 'edge-tenant-b').spec.dnsNames).toEqual(['predict.example.org']);
  });

  it('redirects every plain HTTP request to HTTPS', () => {
    const route = find(objects, 'HTTPRoute', 'https-redirect');
    expect(route.spec.parentRefs[0].sectionName).toBe('http');
    expect(route.spec.rules).toEqual([
      { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
    ]);
  });

  it("routes each tenant's hostname to its own Service, prediction paths only", () => {
    const a = objects.find((o) => o.kind === 'HTTPRoute' && o.metadata.namespace === 'tenant-a') as any;
    const b = objects.find((o) => o.kind === 'HTTPRoute' && o.metadata.namespace === 'tenant-b') as any;
    expect(a.spec.hostnames).toEqual(['tenant-a.mlops.local']);
    expect(b.spec.hostnames).toEqual(['predict.example.org']);
    expect(a.spec.parentRefs).toEqual([
      expect.objectContaining({ name: 'edge', namespace: 'mlops-gateway', sectionName: 'https' }),
    ]);
    expect(b.spec.parentRefs[0].sectionName).toBe('https-tenant-b');
    expect(a.spec.rules[0].backendRefs).toEqual([
      { group: '', kind: 'Service', name: 'tenant-a-ml-inference-svc', port: 8000 },
    ]);
    const paths = a.spec.rules[0].matches.map((m: { path: { type: string; value: string } }) => m.path);
    expect(paths).toEqual([
      { type: 'Exact', value: '/' },
      { type: 'Exact', value: '/predict' },
      { type: 'Exact', value: '/predict/batch' },
      { type: 'PathPrefix', value: '/v2' },
    ]);
    for (const hidden of ['/health', '/ready', '/metrics'])
      expect(paths.some((p: { value: string }) => hidden.startsWith(p.value) && p.value !== '/')).toBe(false);
  });

  it('passes the guardrails, the Gateway API and cert-manager schemas included', async () => {
    expect(await runGuardrails(files, { rejectUnknownFields: true })).toEqual([]);
  });

  it.each<[string, (m: Manifest) => void, RegExp]>([
    ['a bad path match type', (m) => ((m.spec as any).rules[0].matches[0].path.type = 'Glob'), /HTTPRoute.*schema/],
    ['a Certificate without issuerRef', (m) => delete (m.spec as any).issuerRef, /Certificate.*issuerRef/],
  ])('the schema guardrail rejects %s', async (_, mutate, expected) => {
    const copy = structuredClone(files);
    const kind = expected.source.startsWith('HTTPRoute') ? 'HTTPRoute' : 'Certificate';
    const target = copy
      .flatMap((f) => f.documents)
      .find((d) => d.kind === kind && d.metadata.name !== 'https-redirect') as Manifest;
    mutate(target);
    const found = (await runGuardrails(copy)).map((v) => `${v.object} ${v.rule} ${v.detail}`);
    expect(found).toEqual([expect.stringMatching(new RegExp(`${kind}.*schema/openapi`))]);
    if (kind === 'Certificate') expect(found[0]).toMatch(/issuerRef/);
  });
});

describe('the tenant edge at 1000 tenants', () => {
  it('keeps one Gateway of two listeners (the wildcard and the redirect), far below the 64-listener cap', () => {
    const files = synthesizeProfile(validatePlatformConfig(generateConfig(1000)), 'kind');
    const objects = all(files);
    const gateway = find(objects, 'Gateway', 'edge');
    expect(gateway.spec.listeners.map((l: { name: string }) => l.name)).toEqual(['https', 'http']);
    expect(checkObjectSize(gateway)).toBeUndefined();
    expect(objects.filter((o) => o.kind === 'HTTPRoute')).toHaveLength(1001);
    expect(objects.filter((o) => o.kind === 'Certificate')).toHaveLength(1);
  });
});

describe('the tenant edge, ingress mode', () => {
  const files = synthKind({
    mode: 'ingress',
    baseDomain: 'mlops.local',
    tls: { issuer: 'acme', acme: { email: 'ops@example.com', solver: 'http01' } },
  });
  const objects = all(files);

  it('gives each tenant an Ingress with TLS from cert-manager and the HTTPS redirect of ingress-nginx', () => {
    const ingress = find(objects, 'Ingress', 'tenant-a-ml-inference-edge');
    expect(ingress.metadata.namespace).toBe('tenant-a');
    expect(ingress.metadata.annotations).toMatchObject({
      'cert-manager.io/cluster-issuer': 'mlops-platform-edge',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
    });
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([
      { hosts: ['tenant-a.mlops.local'], secretName: 'tenant-a-ml-inference-edge-tls' },
    ]);
    const paths = ingress.spec.rules[0].http.paths;
    expect(paths.map((p: { path: string; pathType: string }) => `${p.pathType} ${p.path}`)).toEqual([
      'Exact /',
      'Exact /predict',
      'Exact /predict/batch',
      'Prefix /v2',
    ]);
    expect(new Set(paths.map((p: any) => p.backend.service.name))).toEqual(new Set(['tenant-a-ml-inference-svc']));
  });

  it('issues through ACME HTTP-01 on the ingress class, and has no Gateway or gateway namespace', async () => {
    expect(find(objects, 'ClusterIssuer', 'mlops-platform-edge').spec.acme).toMatchObject({
      email: 'ops@example.com',
      server: 'https://acme-v02.api.letsencrypt.org/directory',
      solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
    });
    expect(objects.filter((o) => o.kind === 'Gateway' || o.metadata.name === 'mlops-gateway')).toEqual([]);
    expect(await runGuardrails(files, { rejectUnknownFields: true })).toEqual([]);
  });

  it('admits the ingress-nginx controller pods to the API port', () => {
    expect(apiIngress(objects).ingress[1]).toEqual({
      from: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
          podSelector: {
            matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
          },
        },
      ],
      ports: [{ protocol: 'TCP', port: 'http' }],
    });
  });
});

describe('routing off', () => {
  it('emits no edge file, no route and no gateway rule', () => {
    const objects = all(synthKind({ mode: 'none' }));
    expect(objects.filter((o) => ['HTTPRoute', 'Ingress', 'Gateway', 'ClusterIssuer'].includes(o.kind))).toEqual([]);
    expect(apiIngress(objects).ingress).toHaveLength(1);
  });
});

describe('API keys and limits in the tenant API', () => {
  const apiObjects = (tweak: (raw: Raw) => void) => all(synthKind(GATEWAY, tweak));
  const configMap = (objects: Manifest[]) => find(objects, 'ConfigMap', 'tenant-a-ml-inference-config').data;
  const deployment = (objects: Manifest[]) => find(objects, 'Deployment', 'tenant-a-ml-inference');

  it('writes auth and the limits under the contract names, tenant overrides over profile defaults', () => {
    const objects = apiObjects((raw) => {
      raw.tenants[0] = { ...raw.tenants[0], rateLimits: { burst: 7 } };
    });
    expect(configMap(objects)).toMatchObject({
      AUTH_MODE: 'required',
      API_KEYS_FILE: `${API_KEYS_MOUNT_DIR}/${API_KEYS_SECRET_KEY}`,
      RATE_LIMIT_RPS: '100',
      RATE_LIMIT_BURST: '7',
      RATE_LIMIT_CONCURRENCY: '64',
    });
  });

  it('mounts the key Secret read-only, whole (no subPath, so a rotation reaches the running pod)', () => {
    const pod = deployment(apiObjects(() => {})).spec.template.spec;
    expect(pod.volumes).toContainEqual({
      name: 'api-keys',
      secret: {
        secretName: apiKeysSecret('tenant-a'),
        items: [{ key: API_KEYS_SECRET_KEY, path: API_KEYS_SECRET_KEY }],
        defaultMode: 0o440,
      },
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({
      name: 'api-keys',
      mountPath: API_KEYS_MOUNT_DIR,
      readOnly: true,
    });
  });

  it('auth off: AUTH_MODE off, no key file, no Secret mounted', () => {
    const objects = apiObjects((raw) => {
      raw.tenants[0] = { ...raw.tenants[0], auth: 'off' };
    });
    expect(configMap(objects).AUTH_MODE).toBe('off');
    expect(configMap(objects).API_KEYS_FILE).toBeUndefined();
    expect(JSON.stringify(deployment(objects).spec.template.spec)).not.toContain('api-keys');
  });

  it('lists the key Secret as external, so a key rotation rolls no pod while a limit change does', () => {
    expect(externalSecrets(['tenant-a'])).toContainEqual({
      role: 'tenant-api-keys',
      namespace: 'tenant-a',
      name: 'tenant-a-api-keys',
      keys: ['api-keys'],
      tenant: 'tenant-a',
    });
    const checksum = (objects: Manifest[]) =>
      deployment(objects).spec.template.metadata.annotations[CONFIG_CHECKSUM_ANNOTATION];
    const before = checksum(apiObjects(() => {}));
    const after = checksum(
      apiObjects((raw) => {
        raw.tenants[0] = { ...raw.tenants[0], rateLimits: { requestsPerSecond: 5 } };
      }),
    );
    expect(after).not.toBe(before);
  });
});
