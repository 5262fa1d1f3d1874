import { MINIO_ROOT_KEYS, MINIO_SECRETS, MINIO_SERVICE, minioUrl, TRAINER_USER } from '@mlops/shared/contract';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ADDON_IMAGES } from '../../addon-images.js';
import { MINIO_API_PORT, MINIO_NAMESPACE } from '../../platform-constants.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../pod/restricted-security.js';
import { toAddonDeployment } from '../addon-deployment.js';
import { addonLabels, addonSelector } from '../addon-labels.js';
import {
  CREDENTIALS_DIR,
  PROVISIONING_DIR,
  type ProvisionedUser,
  provisionScript,
  tenantReadPolicy,
  trainerPolicy,
  USERS_KEY,
  usersList,
} from './minio-policies.js';

/** What MinIO needs from the platform config. */
export interface MinioSpec {
  readonly platformName: string;
  readonly storageClass: string;
  /** Tenant name → the model names its config reads. */
  readonly tenantModels: ReadonlyMap<string, readonly string[]>;
  /** @default '10Gi' */
  readonly storageSize?: string;
}

/** Secrets the manifests reference by name; the cluster tool creates them with random values. */
export { MINIO_SECRETS, TRAINER_USER } from '@mlops/shared/contract';

const NAME = MINIO_SERVICE;

/** MinIO with its volume, Service, and the Job that provisions buckets, users and policies. */
export function toMinio(spec: MinioSpec) {
  const labels = addonLabels(NAME, 'object-storage', spec.platformName, ADDON_IMAGES.minio.split(':')[1]);
  const meta = (name: string) => ({ name, namespace: MINIO_NAMESPACE, labels });
  const { users, documents } = provisioningData(spec.tenantModels);
  const sa: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(NAME),
    automountServiceAccountToken: false,
  };
  const pvc: IPersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('minio-data'),
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: spec.storageClass,
      resources: { requests: { storage: spec.storageSize ?? '10Gi' } },
    },
  };
  const rootEnv = [
    { name: 'MINIO_ROOT_USER', valueFrom: { secretKeyRef: { name: MINIO_SECRETS.root, key: MINIO_ROOT_KEYS.user } } },
    {
      name: 'MINIO_ROOT_PASSWORD',
      valueFrom: { secretKeyRef: { name: MINIO_SECRETS.root, key: MINIO_ROOT_KEYS.password } },
    },
  ];
  const deployment = toAddonDeployment({
    metadata: meta(NAME),
    name: NAME,
    labels,
    strategy: { type: 'Recreate' },
    pod: {
      serviceAccountName: NAME,
      automountServiceAccountToken: false,
      securityContext: restrictedPodSecurity(1000),
      containers: [
        {
          name: NAME,
          image: ADDON_IMAGES.minio,
          imagePullPolicy: 'IfNotPresent',
          args: [
            'server',
            '/data',
            '--address',
            `:${MINIO_API_PORT}`,
            '--console-address',
            ':9001',
            '--certs-dir',
            '/tmp/certs',
          ],
          env: [...rootEnv, { name: 'HOME', value: '/tmp' }, { name: 'MINIO_PROMETHEUS_AUTH_TYPE', value: 'public' }],
          ports: [
            { name: 'api', containerPort: MINIO_API_PORT, protocol: 'TCP' },
            { name: 'console', containerPort: 9001, protocol: 'TCP' },
          ],
          livenessProbe: {
            httpGet: { path: '/minio/health/live', port: 'api' },
            periodSeconds: 10,
            failureThreshold: 3,
          },
          readinessProbe: {
            httpGet: { path: '/minio/health/ready', port: 'api' },
            periodSeconds: 5,
            failureThreshold: 3,
          },
          resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
          securityContext: restrictedContainerSecurity(),
          volumeMounts: [
            { name: 'data', mountPath: '/data' },
            { name: 'tmp', mountPath: '/tmp' },
          ],
        },
      ],
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: 'minio-data' } },
        { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
      ],
    },
  });
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(NAME),
    spec: {
      type: 'ClusterIP',
      selector: addonSelector(NAME),
      ports: [
        { name: 'api', port: MINIO_API_PORT, targetPort: 'api', protocol: 'TCP' },
        { name: 'console', port: 9001, targetPort: 'console', protocol: 'TCP' },
      ],
    },
  };
  const policies: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('minio-provisioning'),
    data: { 'provision.sh': provisionScript(), [USERS_KEY]: usersList(users), ...documents },
  };
  const jobLabels = addonLabels('minio-provisioning', 'provisioning', spec.platformName);
  const job: IJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { ...meta('minio-provisioning'), labels: jobLabels },
    spec: {
      backoffLimit: 10,
      template: {
        metadata: { labels: jobLabels },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          securityContext: restrictedPodSecurity(1000),
          containers: [
            {
              name: 'mc',
              image: ADDON_IMAGES.minioClient,
              imagePullPolicy: 'IfNotPresent',
              command: ['/bin/sh', `${PROVISIONING_DIR}/provision.sh`],
              env: [
                { name: 'MINIO_URL', value: minioUrl() },
                { name: 'MC_CONFIG_DIR', value: '/tmp/.mc' },
                { name: 'CREDENTIALS_SECRET', value: MINIO_SECRETS.users },
                ...rootEnv,
              ],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
              securityContext: restrictedContainerSecurity(),
              volumeMounts: [
                { name: 'provisioning', mountPath: PROVISIONING_DIR, readOnly: true },
                { name: 'credentials', mountPath: CREDENTIALS_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'provisioning', configMap: { name: 'minio-provisioning' } },
            { name: 'credentials', secret: { secretName: MINIO_SECRETS.users } },
            { name: 'tmp', emptyDir: { sizeLimit: '16Mi' } },
          ],
        },
      },
    },
  };
  return [sa, pvc, deployment, service, policies, job];
}

/**
 * The user list and one read-policy document per distinct model set (most tenants share one), so the provisioning
 * ConfigMap grows by one short line per tenant, not by a policy document per tenant.
 */
export function provisioningData(tenantModels: ReadonlyMap<string, readonly string[]>) {
  const files = new Map<string, string>();
  const documents: Record<string, string> = { [`${TRAINER_USER}.json`]: `${JSON.stringify(trainerPolicy())}\n` };
  const users: ProvisionedUser[] = [...tenantModels].map(([user, models]) => {
    const set = [...new Set(models)].sort();
    let file = files.get(JSON.stringify(set));
    if (file === undefined) {
      file = `read-models-${files.size}.json`;
      files.set(JSON.stringify(set), file);
      documents[file] = `${JSON.stringify(tenantReadPolicy(set))}\n`;
    }
    return { user, policyFile: file };
  });
  users.push({ user: TRAINER_USER, policyFile: `${TRAINER_USER}.json` });
  return { users, documents };
}
