import type { IService } from 'kubernetes-models/v1/Service';
import type { WorkloadRef } from '../manifest/workload-ref.js';
import { API_PORT, API_PORT_NAME } from '../platform-constants.js';
import { tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';

/** ClusterIP Service in front of the pods of `selects` (the tenant's API Deployment), on the named port `http`. */
export function toApiService(spec: TenantSpec, selects: WorkloadRef): IService {
  const names = tenantNames(spec.name);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: names.service, namespace: names.namespace, labels: tenantLabels(spec, 'inference-api') },
    spec: {
      type: 'ClusterIP',
      selector: { ...selects.selector },
      ports: [{ name: API_PORT_NAME, port: API_PORT, targetPort: API_PORT_NAME, protocol: 'TCP' }],
    },
  };
}
