/** A Prometheus alert with everything an on-call engineer needs. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: 'critical' | 'warning';
  readonly summary: string;
  readonly description: string;
}

/** Alert thresholds, in one place. */
export const THRESHOLDS = {
  p99Seconds: 0.5,
  errorRatio: 0.05,
  resourceShare: 0.9,
  restartsIn15m: 2,
  shedRatio: 0.01,
  /** Share of requests refused by the per-key token bucket or the concurrency cap (429 RATE_LIMITED/CONCURRENCY_LIMITED). */
  rateLimitedRatio: 0.05,
} as const;

/** The anchor of an alert's section in docs/runbooks.md (GitHub's heading slug of `## <AlertName>`). */
export const runbookAnchor = (alert: string) => alert.toLowerCase();

/** The `runbook_url` of an alert: the runbooks page (a URL or a repository path) plus the alert's anchor. */
export const runbookUrl = (base: string, alert: string) => `${base}#${runbookAnchor(alert)}`;
