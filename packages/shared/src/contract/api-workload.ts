/** The name every tenant's API carries: its pods' selector value, the suffix of its object names, monitoring's key. */
export const API_APP_NAME = 'ml-inference';
/** The label key whose value is API_APP_NAME on every API pod (network policies and scrapers select by it). */
export const APP_NAME_LABEL = 'app.kubernetes.io/name';
/** Selects every tenant's API pods, whatever the tenant. */
export const API_POD_SELECTOR: Readonly<Record<string, string>> = { [APP_NAME_LABEL]: API_APP_NAME };
/** The port the API listens on in the cluster (ConfigMap PORT, Service target, probes, status checks). */
export const API_PORT = 8000;
/** The probe listener's port (/health, /ready only; never routed by a gateway or a Service). */
export const API_PROBE_PORT = 8001;
/** Names of the API container's ports (Service targetPort, probes, NetworkPolicy). */
export const API_PORT_NAMES = { http: 'http', probes: 'probes' } as const;

/** The tenant API's Deployment (and base of its other object names): `<tenant>-ml-inference`. */
export function apiDeploymentName(tenant: string): string {
  return `${tenant}-${API_APP_NAME}`;
}
