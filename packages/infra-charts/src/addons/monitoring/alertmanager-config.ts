import { type AlertingConfig, NULL_RECEIVER, type ReceiverConfig } from '../../config/monitoring-config-schema.js';

/** The Secret with receivers' secret values (docs/security.md); created by the operator of the cluster, never synthesized. */
export const ALERTMANAGER_SECRET = 'alertmanager-receivers';
/** Where that Secret is mounted in the Alertmanager pod. */
export const ALERTMANAGER_SECRET_DIR = '/etc/alertmanager/secrets';

/** The keys of {@link ALERTMANAGER_SECRET} a receiver reads, with what each must hold. */
export function secretKeysOf(r: ReceiverConfig): Array<{ key: string; holds: string }> {
  if (r.type === 'slack') return [{ key: `${r.name}-slack-api-url`, holds: 'the Slack incoming-webhook URL' }];
  if (r.type === 'email' && r.authUsername)
    return [{ key: `${r.name}-smtp-password`, holds: `the SMTP password of ${r.authUsername}` }];
  if (r.type === 'webhook' && r.bearerToken) return [{ key: `${r.name}-token`, holds: 'the bearer token' }];
  return [];
}

const file = (key: string) => `${ALERTMANAGER_SECRET_DIR}/${key}`;

function toReceiver(r: ReceiverConfig) {
  const [secret] = secretKeysOf(r);
  switch (r.type) {
    case 'webhook':
      return {
        name: r.name,
        webhook_configs: [
          {
            url: r.url,
            send_resolved: true,
            ...(secret ? { http_config: { authorization: { credentials_file: file(secret.key) } } } : {}),
          },
        ],
      };
    case 'slack':
      return {
        name: r.name,
        slack_configs: [
          {
            api_url_file: file(secret!.key),
            channel: r.channel,
            send_resolved: true,
            title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} {{ .CommonLabels.tenant }}',
            text: '{{ range .Alerts }}{{ .Annotations.summary }} ({{ .Annotations.runbook_url }})\n{{ end }}',
          },
        ],
      };
    case 'email':
      return {
        name: r.name,
        email_configs: [
          {
            to: r.to,
            from: r.from,
            smarthost: r.smarthost,
            send_resolved: true,
            ...(secret ? { auth_username: r.authUsername, auth_password_file: file(secret.key) } : {}),
          },
        ],
      };
  }
}

/** Group timings; tests shorten them, a cluster keeps these. */
export const ROUTE_TIMING = { group_wait: '30s', group_interval: '5m', repeat_interval: '4h' } as const;

/**
 * alertmanager.yml from the platform config: a tenant's alerts go to its team's receiver (and go on), critical
 * alerts to the critical receiver, the rest to the default one ("null": recorded, sent nowhere); a critical alert
 * of a tenant silences that tenant's warnings.
 */
export function toAlertmanagerConfig(alerting: AlertingConfig) {
  const tenantRoutes = Object.entries(alerting.tenantReceivers).map(([tenant, receiver]) => ({
    receiver,
    matchers: [`tenant="${tenant}"`],
    continue: true,
  }));
  const criticalRoute = alerting.criticalReceiver
    ? [{ receiver: alerting.criticalReceiver, matchers: ['severity="critical"'] }]
    : [];
  return {
    route: {
      receiver: alerting.defaultReceiver,
      group_by: ['alertname', 'tenant'],
      ...ROUTE_TIMING,
      routes: [...tenantRoutes, ...criticalRoute],
    },
    inhibit_rules: [
      { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['tenant'] },
    ],
    receivers: [{ name: NULL_RECEIVER }, ...alerting.receivers.map(toReceiver)],
  };
}
