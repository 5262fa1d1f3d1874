import { type AlertingConfig, NULL_RECEIVER } from './monitoring-config-schema.js';
import type { TenantConfig } from './platform-config-schema.js';

/** Alert routes must name declared receivers and tenants, and receiver names must be unique. */
export function checkAlerting(
  path: string,
  alerting: AlertingConfig,
  tenants: ReadonlyArray<{ readonly tenant: TenantConfig }>,
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const names = alerting.receivers.map((r) => r.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i)
      problems.push({ path: `${path}.receivers[${i}].name`, message: `"${n}" is declared twice; rename one` });
  });
  const allowed = [NULL_RECEIVER, ...names];
  const refer = (where: string, receiver: string | undefined) => {
    if (receiver !== undefined && !allowed.includes(receiver))
      problems.push({
        path: `${path}.${where}`,
        message: `"${receiver}" is not a declared receiver; allowed: ${allowed.join(', ')} (declare it under receivers)`,
      });
  };
  refer('defaultReceiver', alerting.defaultReceiver);
  refer('criticalReceiver', alerting.criticalReceiver);
  const tenantNames = tenants.map((t) => t.tenant.name);
  for (const [tenant, receiver] of Object.entries(alerting.tenantReceivers)) {
    if (!tenantNames.includes(tenant))
      problems.push({
        path: `${path}.tenantReceivers.${tenant}`,
        message: `"${tenant}" is not a declared tenant; declared: ${tenantNames.join(', ')}`,
      });
    refer(`tenantReceivers.${tenant}`, receiver);
  }
  return problems;
}
