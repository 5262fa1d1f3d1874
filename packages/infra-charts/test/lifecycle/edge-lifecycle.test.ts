import { validatePlatformConfig } from '../../src/config/index.js';
import { planProfile } from '../../src/plan/plan-profile.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { rawDefaultConfig } from '../fixtures.js';

type Raw = ReturnType<typeof rawDefaultConfig> & { profiles: Record<string, Record<string, unknown>> };

/** dist/kind, in memory, for the default config with this routing section. */
function kindWith(routing: Record<string, unknown>) {
  const raw = rawDefaultConfig() as Raw;
  (raw.profiles.kind as Record<string, unknown>).routing = routing;
  return synthesizeProfile(validatePlatformConfig(raw), 'kind');
}
const GATEWAY = { mode: 'gateway', baseDomain: 'mlops.local' };
const summary = (plan: ReturnType<typeof planProfile>) => plan.changes.map((c) => `${c.action} ${c.object}`);

describe('pnpm plan across edge transitions', () => {
  it("a tenant's custom hostname: a listener and a certificate more, the route updated, no pod rolls", () => {
    const before = kindWith(GATEWAY);
    const after = kindWith({ ...GATEWAY, hostnames: { 'tenant-b': 'predict.example.org' } });
    const plan = planProfile('kind', before, after);
    expect(plan.appliable).toBe(true);
    expect(summary(plan)).toEqual([
      'create Certificate mlops-gateway/edge-tenant-b',
      'update Gateway mlops-gateway/edge',
      'update HTTPRoute tenant-b/tenant-b-ml-inference-edge',
    ]);
    expect(plan.files).toEqual({ added: [], changed: ['15-edge.yaml', '50-tenant-tenant-b.yaml'], removed: [] });
  });

  it('gateway -> ingress: Ingresses replace HTTPRoutes, the Gateway side is pruned, the API pods do not roll', () => {
    const before = kindWith(GATEWAY);
    const after = kindWith({ mode: 'ingress', baseDomain: 'mlops.local' });
    const plan = planProfile('kind', before, after);
    const lines = summary(plan);
    expect(lines.filter((l) => l.startsWith('roll'))).toEqual([]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'create Ingress tenant-a/tenant-a-ml-inference-edge',
        'delete HTTPRoute tenant-a/tenant-a-ml-inference-edge',
        'delete Gateway mlops-gateway/edge',
        'delete Namespace mlops-gateway',
        'update NetworkPolicy tenant-a/allow-api-ingress',
      ]),
    );
    const route = plan.changes.find((c) => c.object === 'HTTPRoute tenant-a/tenant-a-ml-inference-edge');
    expect(route?.reasons).toEqual([expect.stringMatching(/--prune-allowlist including HTTPRoute, or kubectl delete/)]);
    expect(plan.isolation.join('\n')).toMatch(/ingress-nginx/);
  });

  it('routing none -> gateway: the edge file is added and the isolation diff shows the gateway reaching the APIs', () => {
    const plan = planProfile('kind', kindWith({ mode: 'none' }), kindWith(GATEWAY));
    expect(plan.files.added).toEqual(['15-edge.yaml']);
    expect(plan.isolation.join('\n')).toMatch(
      /envoy-gateway-system\/gateway -> tenant-a\/tenant-a-ml-inference:8000\/TCP/,
    );
  });
});
