import { load } from 'js-yaml';
import { serializedBytes } from '../src/guardrails/check-object-size.js';
import type { Manifest, ManifestFile } from '../src/manifest/manifest.js';

/** What grows (or must not grow) with the tenant count in one profile's output. */
export interface DistFigures {
  /** Bytes of each file that is not a tenant's own, and of one tenant file. */
  readonly fileBytes: Readonly<Record<string, number>>;
  readonly alertRules: number;
  readonly recordingRules: number;
  readonly dashboardPanels: number;
  readonly dashboardTargets: number;
  readonly scrapeConfigs: number;
  readonly largest: { readonly object: string; readonly bytes: number };
}

type RuleGroups = { groups?: Array<{ rules?: Array<{ alert?: string; record?: string }> }> };
type Dashboard = { panels?: Array<{ targets?: unknown[]; panels?: Array<{ targets?: unknown[] }> }> };

function parseData(text: string): unknown {
  try {
    return text.trimStart().startsWith('{') ? JSON.parse(text) : load(text);
  } catch {
    return undefined;
  }
}

/** Counts rules (ConfigMaps or PrometheusRules holding `groups`), dashboard panels and targets, scrape jobs. */
export function measureDist(files: readonly ManifestFile[], rendered: ReadonlyMap<string, string>): DistFigures {
  const fileBytes: Record<string, number> = {};
  let tenantFile = false;
  for (const [name, text] of rendered) {
    const isTenant = name.startsWith('50-tenant-');
    if (isTenant && tenantFile) continue;
    fileBytes[isTenant ? '50-tenant-<one>.yaml' : name] = Buffer.byteLength(text);
    tenantFile ||= isTenant;
  }
  const figures = { alertRules: 0, recordingRules: 0, dashboardPanels: 0, dashboardTargets: 0, scrapeConfigs: 0 };
  const countRules = (value: RuleGroups) => {
    for (const g of value.groups ?? [])
      for (const r of g.rules ?? []) {
        if (r.alert) figures.alertRules++;
        if (r.record) figures.recordingRules++;
      }
  };
  let largest = { object: '', bytes: 0 };
  for (const m of files.flatMap((f) => f.documents) as Manifest[]) {
    const bytes = serializedBytes(m);
    if (bytes > largest.bytes) largest = { object: `${m.kind}/${m.metadata.name}`, bytes };
    if (m.kind === 'PrometheusRule') countRules(m.spec as RuleGroups);
    if (m.kind !== 'ConfigMap') continue;
    for (const text of Object.values((m.data ?? {}) as Record<string, string>)) {
      const value = parseData(text);
      if (!value || typeof value !== 'object') continue;
      if ('groups' in value) countRules(value as RuleGroups);
      if ('scrape_configs' in value)
        figures.scrapeConfigs += ((value as { scrape_configs: unknown[] }).scrape_configs ?? []).length;
      if ('panels' in value)
        for (const p of (value as Dashboard).panels ?? [])
          for (const panel of [p, ...(p.panels ?? [])]) {
            figures.dashboardPanels++;
            figures.dashboardTargets += (panel.targets ?? []).length;
          }
    }
  }
  return { fileBytes, ...figures, largest };
}
