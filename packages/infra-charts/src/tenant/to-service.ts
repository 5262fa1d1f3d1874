import type { IService } from 'kubernetes-models/v1/Service';
import { API_PORT, API_PORT_NAME } from '../platform-constants.js';
import { apiSelectorLabels, tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';

/** ClusterIP Service in front of the tenant's API pods, on the named port `http`. */
export function toApiService(spec: TenantSpec): IService {
  const names = tenantNames(spec.name);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: names.service, namespace: names.namespace, labels: tenantLabels(spec, 'inference-api') },
    spec: {
      type: 'ClusterIP',
      selector: apiSelectorLabels(spec.name),
      ports: [{ name: API_PORT_NAME, port: API_PORT, targetPort: API_PORT_NAME, protocol: 'TCP' }],
    },
  };
}
