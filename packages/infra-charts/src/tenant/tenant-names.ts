import { apiDeploymentName, tenantCredentialsSecret } from '@mlops/shared/contract';

/** The public names of a tenant's objects; kept from the reference system where it had them. */
export function tenantNames(tenant: string) {
  const app = apiDeploymentName(tenant);
  return {
    namespace: tenant,
    app,
    deployment: app,
    service: `${app}-svc`,
    serviceAccount: `${app}-sa`,
    role: `${app}-reader`,
    roleBinding: `${app}-reader-binding`,
    configMap: `${app}-config`,
    hpa: `${app}-hpa`,
    pdb: `${app}-pdb`,
    quota: `${tenant}-quota`,
    limitRange: `${tenant}-limits`,
    credentialsSecret: tenantCredentialsSecret(tenant),
  } as const;
}
