import type { Dashboard, DataSourceRef, Panel, VariableModel } from '@grafana/schema';
import { METRICS } from '@mlops/shared/metrics';
import { DASHBOARD_PANELS } from './monitoring-dashboard.js';

/** The datasource every panel uses: the `datasource` variable, so the dashboard works with any Prometheus. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template.
const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Grafana refIds A..Z then AA..: always printable, however many queries a panel has. */
export const refId = (i: number): string =>
  (i >= 26 ? refId(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

const VARIABLES: VariableModel[] = [
  {
    name: 'datasource',
    label: 'Prometheus',
    type: 'datasource',
    query: 'prometheus',
    current: { text: 'Prometheus', value: 'prometheus' },
    hide: 0,
  },
  {
    name: 'tenant',
    label: 'Tenant',
    type: 'query',
    datasource: DATASOURCE,
    query: `label_values(${METRICS.httpRequests.name}, tenant)`,
    refresh: 2,
    includeAll: true,
    multi: true,
    current: { text: 'All', value: '$__all' },
    hide: 0,
  },
];

/** The dashboard as Grafana JSON (typed by Grafana's own schema package): the same for 1 or 1000 tenants. */
export function toGrafanaDashboard(): Omit<Dashboard, 'panels'> & { panels: Panel[] } {
  return {
    uid: 'mlops-inference',
    title: 'MLOps inference platform',
    tags: ['mlops'],
    timezone: 'utc',
    editable: false,
    schemaVersion: 39,
    refresh: '30s',
    time: { from: 'now-1h', to: 'now' },
    templating: { list: VARIABLES },
    panels: DASHBOARD_PANELS.map(
      (p, i): Panel => ({
        id: i + 1,
        type: 'timeseries',
        title: p.title,
        datasource: DATASOURCE,
        gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
        fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
        targets: p.targets.map((t, j) => ({
          refId: refId(j),
          expr: t.expr,
          legendFormat: t.legend,
          datasource: DATASOURCE,
        })),
      }),
    ),
  };
}
