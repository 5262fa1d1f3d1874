import { API_APP_NAME } from '@mlops/shared/contract';
import type { AlertRule } from './alert-rule.js';
import { THRESHOLDS } from './alert-rule.js';
import { KSM_API_CONTAINER, withTenant } from './recording-rules.js';

/** What the profile deploys, so that rules exist only for components that are there. */
export interface RuleScope {
  readonly objectStorage: 'minio' | 's3';
  /** Standalone mode runs its own kube-state-metrics and watches it; operator mode relies on the stack's. */
  readonly ownKubeStateMetrics: boolean;
}

/** Alerts on cluster state (kube-state-metrics): restarts, crash loops, readiness, the autoscaler's ceiling. */
export function clusterAlerts(scope: RuleScope): AlertRule[] {
  const rules: AlertRule[] = [
    {
      alert: 'InferencePodRestarting',
      expr: withTenant(
        `sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total{${KSM_API_CONTAINER}}[15m])) > ${THRESHOLDS.restartsIn15m}`,
      ),
      for: '0m',
      severity: 'critical',
      summary: 'Pod {{ $labels.pod }} of {{ $labels.tenant }} keeps restarting',
      description: `The API container restarted more than ${THRESHOLDS.restartsIn15m} times in 15 minutes (crash, OOMKill or failed liveness probe).`,
    },
    {
      alert: 'InferencePodCrashLooping',
      expr: withTenant(
        `max by (namespace, pod) (kube_pod_container_status_waiting_reason{${KSM_API_CONTAINER},reason="CrashLoopBackOff"}) == 1`,
      ),
      for: '5m',
      severity: 'critical',
      summary: 'Pod {{ $labels.pod }} of {{ $labels.tenant }} is in CrashLoopBackOff',
      description: 'The API container has been waiting in CrashLoopBackOff for 5 minutes; it may never have served.',
    },
    {
      alert: 'InferencePodNotReady',
      expr: withTenant(
        `max by (namespace, pod) (kube_pod_status_ready{condition="false",pod=~".+-${API_APP_NAME}-.+"}) == 1`,
      ),
      for: '10m',
      severity: 'warning',
      summary: 'Pod {{ $labels.pod }} of {{ $labels.tenant }} has not been ready for 10 minutes',
      description: 'The pod runs but fails its readiness probe (no model loaded, or draining); it gets no traffic.',
    },
    {
      alert: 'InferenceNoReadyReplica',
      expr: withTenant(
        `max by (namespace) (kube_deployment_status_replicas_available{deployment=~".+-${API_APP_NAME}"}) == 0`,
      ),
      for: '5m',
      severity: 'critical',
      summary: '{{ $labels.tenant }} has no available API replica',
      description: 'The Deployment of this tenant has had no available pod for 5 minutes: every request fails.',
    },
    {
      alert: 'InferenceHPAAtMaxReplicas',
      expr: 'tenant:kube_horizontalpodautoscaler_status_current_replicas:max >= tenant:kube_horizontalpodautoscaler_spec_max_replicas:max',
      for: '15m',
      severity: 'warning',
      summary: '{{ $labels.tenant }} has run at its maximum of {{ $value }} replicas for 15 minutes',
      description: 'The autoscaler of this tenant cannot add capacity: it is pinned at replicas.max.',
    },
  ];
  if (scope.ownKubeStateMetrics)
    rules.push({
      alert: 'KubeStateMetricsDown',
      expr: 'absent(up{job="kube-state-metrics"} == 1)',
      for: '10m',
      severity: 'critical',
      summary: 'kube-state-metrics is not scraped',
      description: 'Restart, readiness, autoscaler and resource-limit alerts are blind without kube-state-metrics.',
    });
  if (scope.objectStorage === 'minio')
    rules.push({
      alert: 'ObjectStorageDown',
      expr: 'up{job="minio"} == 0 or absent(up{job="minio"})',
      for: '5m',
      severity: 'critical',
      summary: 'Object storage (MinIO) is down',
      description: 'Prometheus has not reached MinIO for 5 minutes: no new model can be loaded or published.',
    });
  return rules;
}
