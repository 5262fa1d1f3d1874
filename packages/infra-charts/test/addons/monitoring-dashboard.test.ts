import type { Dashboard } from '@grafana/schema';
import { refId, toGrafanaDashboard } from '../../src/addons/monitoring/to-grafana-dashboard.js';
import { configWith, find, monitoringObjects } from '../support/monitoring-fixtures.js';

// Type-checked against Grafana's published dashboard schema (@grafana/schema) by `pnpm typecheck`:
// a missing required field or a misspelt key fails the build.
const dashboard: Dashboard = toGrafanaDashboard();
const panels = toGrafanaDashboard().panels;
const targets = panels.flatMap((p) => (p.targets ?? []) as Array<{ expr: string; refId: string }>);

describe('Grafana dashboard', () => {
  it('has a datasource variable that every panel and query uses, and a tenant variable', () => {
    const vars = dashboard.templating?.list ?? [];
    expect(vars.map((v) => [v.name, v.type])).toEqual([
      ['datasource', 'datasource'],
      ['tenant', 'query'],
    ]);
    expect(vars[1]?.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    for (const p of panels) expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    expect(JSON.stringify(dashboard)).not.toMatch(/"uid":"prometheus"/);
  });

  it('narrows every query by $tenant', () => {
    for (const t of targets) expect(t.expr).toContain('$tenant');
  });

  it('has no duplicate panel and no duplicate query', () => {
    expect(new Set(panels.map((p) => p.title)).size).toBe(panels.length);
    expect(new Set(targets.map((t) => t.expr)).size).toBe(targets.length);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
  });

  it('answers the questions on-call asks', () => {
    expect(panels.map((p) => [p.title, p.fieldConfig?.defaults.unit])).toEqual(
      expect.arrayContaining([
        ['Request rate', 'reqps'],
        ['Error ratio (5xx)', 'percentunit'],
        ['Prediction latency p50 / p95 / p99', 's'],
        ['Replicas: current, desired and HPA maximum', 'short'],
        ['Container restarts (15 min) and pods not ready', 'short'],
        ['CPU per pod vs request and limit (cores)', 'short'],
        ['Memory per pod vs limit', 'bytes'],
        ['Share of the limit used (CPU, memory)', 'percentunit'],
        ['Model version served (pods)', 'short'],
        ['Model reloads, rejections and fallbacks', 'ops'],
        ['Shed requests', 'reqps'],
        ['Model queue depth', 'short'],
      ]),
    );
    const replicas = panels.find((p) => p.title?.startsWith('Replicas'))!.targets as Array<{ expr: string }>;
    expect(replicas.map((t) => t.expr)).toContain(
      'tenant:kube_horizontalpodautoscaler_spec_max_replicas:max{tenant=~"$tenant"}',
    );
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('names query %i with the printable refId %s', (i, expected) => {
    expect(refId(i)).toBe(expected);
  });

  it('is the same dashboard, with the same number of panels and queries, for 2 and 100 tenants', () => {
    const json = (n: number) => find(monitoringObjects(configWith(n)), 'ConfigMap', 'grafana-dashboards').data;
    expect(json(100)).toEqual(json(2));
    expect(JSON.parse(json(2)['mlops-inference.json']).panels).toHaveLength(panels.length);
  });
});
