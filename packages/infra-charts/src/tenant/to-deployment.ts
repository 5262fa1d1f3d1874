import {
  API_KEYS_MOUNT_DIR,
  API_KEYS_SECRET_KEY,
  API_PORT_NAMES,
  API_PROBE_PORT,
  apiKeysSecret,
} from '@mlops/shared/contract';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IEnvFromSource } from 'kubernetes-models/v1/EnvFromSource';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import {
  API_PORT,
  API_PORT_NAME,
  API_TERMINATION_GRACE_SECONDS,
  API_TMP_SIZE_MEBIBYTES,
  API_UID,
} from '../platform-constants.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../pod/restricted-security.js';
import { apiSelectorLabels, tenantLabels } from './tenant-labels.js';
import { tenantNames } from './tenant-names.js';
import type { TenantSpec } from './tenant-spec.js';
import { toApiResources, toPodPlacement } from './to-pod-placement.js';

const KEYS_VOLUME = 'api-keys';
// Kubelet probes go to the probe listener, a worker thread that answers however busy scoring keeps the main loop.
const PROBES = API_PORT_NAMES.probes;

/**
 * With auth on, the tenant's key Secret (hashes only, created by `pnpm cluster keys`) mounted read-only. Not via
 * subPath, so the kubelet refreshes the file on rotation and the API reloads it without a restart; the Secret is
 * external, so it is not in the config checksum and a rotation rolls no pod (docs/edge.md).
 */
export function apiKeysVolume(spec: TenantSpec): { volumes: IVolume[]; mounts: IVolumeMount[] } {
  if (spec.authMode !== 'required') return { volumes: [], mounts: [] };
  return {
    volumes: [
      {
        name: KEYS_VOLUME,
        secret: {
          secretName: apiKeysSecret(spec.name),
          items: [{ key: API_KEYS_SECRET_KEY, path: API_KEYS_SECRET_KEY }],
          defaultMode: 0o440,
        },
      },
    ],
    mounts: [{ name: KEYS_VOLUME, mountPath: API_KEYS_MOUNT_DIR, readOnly: true }],
  };
}

/** The inference API Deployment: probes, limits, restricted security, placement from the config; replicas left to the HPA. */
export function toApiDeployment(spec: TenantSpec): IDeployment {
  const names = tenantNames(spec.name);
  const labels = tenantLabels(spec, 'inference-api');
  const env: IEnvFromSource[] = [{ configMapRef: { name: names.configMap } }];
  const keys = apiKeysVolume(spec);
  if (spec.objectStorage === 'minio') env.push({ secretRef: { name: names.credentialsSecret } });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: names.deployment, namespace: names.namespace, labels },
    spec: {
      selector: { matchLabels: apiSelectorLabels(spec.name) },
      revisionHistoryLimit: 5,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      },
      template: {
        metadata: {
          labels,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(API_PORT),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          serviceAccountName: names.serviceAccount,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: API_TERMINATION_GRACE_SECONDS,
          securityContext: restrictedPodSecurity(API_UID),
          ...toPodPlacement(spec),
          containers: [
            {
              name: 'inference-api',
              image: spec.image,
              imagePullPolicy: spec.imagePullPolicy,
              ports: [
                { name: API_PORT_NAME, containerPort: API_PORT, protocol: 'TCP' },
                { name: PROBES, containerPort: API_PROBE_PORT, protocol: 'TCP' },
              ],
              envFrom: env,
              resources: toApiResources(spec),
              securityContext: restrictedContainerSecurity(),
              startupProbe: {
                httpGet: { path: '/health', port: PROBES },
                periodSeconds: 2,
                failureThreshold: 30,
                timeoutSeconds: 2,
              },
              livenessProbe: {
                httpGet: { path: '/health', port: PROBES },
                periodSeconds: 10,
                failureThreshold: 3,
                timeoutSeconds: 2,
              },
              readinessProbe: {
                httpGet: { path: '/ready', port: PROBES },
                periodSeconds: 5,
                failureThreshold: 2,
                timeoutSeconds: 2,
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...keys.mounts],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: `${API_TMP_SIZE_MEBIBYTES}Mi` } }, ...keys.volumes],
        },
      },
    },
  };
}
