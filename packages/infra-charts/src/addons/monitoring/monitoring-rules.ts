import { type AlertRule, runbookUrl } from './alert-rule.js';
import { API_ALERTS } from './api-alert-rules.js';
import { clusterAlerts, type RuleScope } from './cluster-alert-rules.js';
import { RECORDING_RULES } from './recording-rules.js';

export type { AlertRule } from './alert-rule.js';
export { THRESHOLDS } from './alert-rule.js';
export type { RuleScope } from './cluster-alert-rules.js';
export { RECORDING_RULES, type RecordingRule } from './recording-rules.js';

/** Where runbook_url points when the config names no URL: the runbooks page in this repository. */
export const DEFAULT_RUNBOOK_BASE = 'docs/runbooks.md';

/** Every alert of a profile: the same rules for 1 or 1000 tenants, only for the components it deploys. */
export function alertRules(scope: RuleScope): AlertRule[] {
  return [...API_ALERTS, ...clusterAlerts(scope)];
}

/** The alerts as rule-file entries: severity label, summary, description and runbook_url annotations. */
export function toAlertEntries(scope: RuleScope, runbookBase: string = DEFAULT_RUNBOOK_BASE) {
  return alertRules(scope).map((a) => ({
    alert: a.alert,
    expr: a.expr,
    for: a.for,
    labels: { severity: a.severity },
    annotations: { summary: a.summary, description: a.description, runbook_url: runbookUrl(runbookBase, a.alert) },
  }));
}

/** The Prometheus rule file: recording rules, then alerts. */
export function toRuleFile(scope: RuleScope, runbookBase: string = DEFAULT_RUNBOOK_BASE) {
  return {
    groups: [
      {
        name: 'mlops-recording',
        interval: '30s',
        rules: RECORDING_RULES.map((r) => ({ record: r.record, expr: r.expr })),
      },
      { name: 'mlops-alerts', rules: toAlertEntries(scope, runbookBase) },
    ],
  };
}
