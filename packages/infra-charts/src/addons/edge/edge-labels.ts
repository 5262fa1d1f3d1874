import { LABEL_ROLE, MANAGED_BY } from '../../platform-constants.js';

/** Labels of the platform's edge objects (Gateway, certificates, issuer, redirect route). */
export function edgeLabels(platformName: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'edge',
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': platformName,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    [LABEL_ROLE]: 'platform',
  };
}
