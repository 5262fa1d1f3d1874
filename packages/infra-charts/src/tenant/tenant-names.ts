/** The public names of a tenant's objects; kept from the reference system where it had them. */
export function tenantNames(tenant: string) {
  const app = `${tenant}-ml-inference`;
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
    credentialsSecret: `${tenant}-model-store-credentials`,
  } as const;
}
