import type { INamespace } from 'kubernetes-models/v1/Namespace';
import { LABEL_ROLE, MANAGED_BY } from '../platform-constants.js';
import { podSecurityLabels } from '../tenant/to-namespace.js';

/** A platform (non-tenant) namespace under Pod Security "restricted". */
export function toPlatformNamespace(name: string, platformName: string): INamespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/part-of': platformName,
        'app.kubernetes.io/managed-by': MANAGED_BY,
        'kubernetes.io/metadata.name': name,
        [LABEL_ROLE]: 'platform',
        ...podSecurityLabels(),
      },
    },
  };
}
