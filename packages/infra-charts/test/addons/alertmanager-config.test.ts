import { secretKeysOf, toAlertmanagerConfig } from '../../src/addons/monitoring/alertmanager-config.js';
import { alertingSchema } from '../../src/config/monitoring-config-schema.js';
import { configWith } from '../support/monitoring-fixtures.js';

const alerting = (input: unknown) => alertingSchema.parse(input);

describe('Alertmanager config from the platform config', () => {
  it('sends everything to the null receiver when nothing is configured, and inhibits warnings by criticals of the same tenant', () => {
    const config = toAlertmanagerConfig(alerting({}));
    expect(config.route).toMatchObject({ receiver: 'null', group_by: ['alertname', 'tenant'], routes: [] });
    expect(config.receivers).toEqual([{ name: 'null' }]);
    expect(config.inhibit_rules).toEqual([
      { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['tenant'] },
    ]);
  });

  it('routes a tenant to its team (and on), critical alerts to on-call, the rest to the default', () => {
    const config = toAlertmanagerConfig(
      alerting({
        receivers: [
          { name: 'oncall', type: 'webhook', url: 'https://hooks.example.com/page' },
          { name: 'team-a', type: 'slack', channel: '#team-a' },
        ],
        criticalReceiver: 'oncall',
        tenantReceivers: { 'tenant-a': 'team-a' },
      }),
    );
    expect(config.route.routes).toEqual([
      { receiver: 'team-a', matchers: ['tenant="tenant-a"'], continue: true },
      { receiver: 'oncall', matchers: ['severity="critical"'] },
    ]);
  });

  it.each([
    [{ name: 'hook', type: 'webhook', url: 'https://h.example.com/x' }, [], 'https://h.example.com/x'],
    [
      { name: 'hook', type: 'webhook', url: 'https://h.example.com/x', bearerToken: true },
      ['hook-token'],
      '/etc/alertmanager/secrets/hook-token',
    ],
    [
      { name: 'chat', type: 'slack', channel: '#ops' },
      ['chat-slack-api-url'],
      '/etc/alertmanager/secrets/chat-slack-api-url',
    ],
    [
      {
        name: 'mail',
        type: 'email',
        to: 'ops@example.com',
        from: 'am@example.com',
        smarthost: 'smtp.example.com:587',
        authUsername: 'am',
      },
      ['mail-smtp-password'],
      '/etc/alertmanager/secrets/mail-smtp-password',
    ],
  ])('reads secret values of %o from the receivers Secret, never inline', (receiver, keys, expected) => {
    const parsed = alerting({ receivers: [receiver] });
    expect(secretKeysOf(parsed.receivers[0]!).map((k) => k.key)).toEqual(keys);
    expect(JSON.stringify(toAlertmanagerConfig(parsed).receivers[1])).toContain(expected);
  });

  it.each<[string, unknown, string]>([
    [
      'an undeclared default receiver',
      { defaultReceiver: 'pager' },
      'alerting.defaultReceiver "pager" is not a declared receiver; allowed: null',
    ],
    [
      'an undeclared critical receiver',
      { criticalReceiver: 'pager' },
      'alerting.criticalReceiver "pager" is not a declared receiver',
    ],
    [
      'a route for an unknown tenant',
      { tenantReceivers: { 'tenant-z': 'null' } },
      'alerting.tenantReceivers.tenant-z "tenant-z" is not a declared tenant',
    ],
    [
      'a receiver declared twice',
      {
        receivers: [
          { name: 'x', type: 'slack', channel: '#a' },
          { name: 'x', type: 'slack', channel: '#b' },
        ],
      },
      'alerting.receivers[1].name "x" is declared twice',
    ],
    [
      'a webhook without a URL',
      { receivers: [{ name: 'x', type: 'webhook', url: 'not a url' }] },
      'must be an http(s) URL',
    ],
  ])('refuses %s with a message naming the field', (_, input, message) => {
    expect(() =>
      configWith(2, (p) => {
        p.monitoring = { mode: 'standalone', alerting: input };
      }),
    ).toThrow(message);
  });
});
