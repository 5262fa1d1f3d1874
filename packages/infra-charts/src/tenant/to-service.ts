import { k8s } from 'cdk8s-plus-28';
import { API_PORT, API_PORT_NAME } from '../platform-constants.js';
import { apiSelectorLabels, tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';

/** ClusterIP Service in front of the tenant's API pods, on the named port `http`. */
export function toApiService(spec: TenantSpec): k8s.KubeServiceProps {
  const names = tenantNames(spec.name);
  return {
    metadata: { name: names.service, namespace: names.namespace, labels: tenantLabels(spec, 'inference-api') },
    spec: {
      type: 'ClusterIP',
      selector: apiSelectorLabels(spec.name),
      ports: [
        { name: API_PORT_NAME, port: API_PORT, targetPort: k8s.IntOrString.fromString(API_PORT_NAME), protocol: 'TCP' },
      ],
    },
  };
}
