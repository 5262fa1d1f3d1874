import { minioUrl, S3_ENV, TRAINER_SECRET } from '@mlops/shared/contract';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { baselinePolicies, inNamespace, networkPolicy } from '../../network/network-policy.js';
import { MINIO_API_PORT, MINIO_NAMESPACE, MINIO_SELECTOR, SYSTEM_NAMESPACE } from '../../platform-constants.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../pod/restricted-security.js';
import { addonLabels } from '../addon-labels.js';

/** What the training Job needs. */
export interface TrainerJobSpec {
  readonly platformName: string;
  readonly image: string;
  readonly imagePullPolicy: 'IfNotPresent' | 'Always';
  /** @default 's3://datasets/sst2/train.tsv' */
  readonly data?: string;
  /** @default 's3://datasets/sst2/dev.tsv' */
  readonly eval?: string;
}

/** Secret with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY of the trainer's MinIO user; created by the cluster tool. */
export { TRAINER_SECRET } from '@mlops/shared/contract';

/** A Job that trains from s3://datasets and publishes to s3://models, under Pod Security restricted. */
export function toTrainerJob(spec: TrainerJobSpec): [IJob, ...INetworkPolicy[]] {
  const labels = addonLabels('model-trainer', 'training', spec.platformName);
  const job: IJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'model-trainer', namespace: SYSTEM_NAMESPACE, labels },
    spec: {
      backoffLimit: 6,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: restrictedPodSecurity(10001),
          containers: [
            {
              name: 'trainer',
              image: spec.image,
              imagePullPolicy: spec.imagePullPolicy,
              args: [
                '--data',
                spec.data ?? 's3://datasets/sst2/train.tsv',
                '--eval',
                spec.eval ?? 's3://datasets/sst2/dev.tsv',
                '--out',
                's3://models',
                '--model-name',
                'sentiment',
              ],
              env: [
                { name: S3_ENV.endpoint, value: minioUrl() },
                { name: S3_ENV.region, value: 'us-east-1' },
              ],
              envFrom: [{ secretRef: { name: TRAINER_SECRET } }],
              resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
              securityContext: restrictedContainerSecurity(),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
        },
      },
    },
  };
  const egress = networkPolicy(SYSTEM_NAMESPACE, 'allow-object-storage-egress', labels, {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'model-trainer' } },
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ namespaceSelector: inNamespace(MINIO_NAMESPACE), podSelector: { matchLabels: { ...MINIO_SELECTOR } } }],
        ports: [{ protocol: 'TCP', port: MINIO_API_PORT }],
      },
    ],
  });
  return [job, ...baselinePolicies(SYSTEM_NAMESPACE, labels), egress];
}
