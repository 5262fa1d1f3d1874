import { S3_ENV } from '@mlops/shared/contract';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { baselinePolicies, networkPolicy } from '../../network/network-policy.js';
import { SYSTEM_NAMESPACE } from '../../platform-constants.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../pod/restricted-security.js';
import { IRSA_PORT, IRSA_S3_ANNOTATION, IRSA_STS_ANNOTATION } from '../../tenant/to-irsa-egress.js';
import { addonLabels } from '../addon-labels.js';

/** The trainer's identity; its IAM role is `<roleArnPrefix>` + this. */
export const S3_TRAINER_NAME = 'model-trainer';

/** What the S3 training Job needs, all from the profile's objectStorage. */
export interface S3TrainerSpec {
  readonly platformName: string;
  readonly image: string;
  readonly imagePullPolicy: 'IfNotPresent' | 'Always';
  readonly region: string;
  /** `s3://<bucket>[/<prefix>]`: where versions are published, the store the tenants' MODEL_URIs live in. */
  readonly storeUri: string;
  readonly data: string;
  /** @default - no evaluation file */
  readonly eval?: string;
  readonly roleArn: string;
  readonly stsCidrs: readonly string[];
  readonly s3Cidrs: readonly string[];
}

/**
 * The training Job of an S3 profile, in mlops-system: the same trainer image and arguments as on MinIO, but its
 * ServiceAccount assumes an IAM role (IRSA, no Secret), and its only egress besides DNS is STS/S3 on 443.
 */
export function toS3TrainerJob(spec: S3TrainerSpec): [IServiceAccount, IJob, ...INetworkPolicy[]] {
  const labels = addonLabels(S3_TRAINER_NAME, 'training', spec.platformName);
  const sa: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: S3_TRAINER_NAME,
      namespace: SYSTEM_NAMESPACE,
      labels,
      annotations: {
        'eks.amazonaws.com/role-arn': spec.roleArn,
        [IRSA_STS_ANNOTATION]: spec.stsCidrs.join(','),
        [IRSA_S3_ANNOTATION]: spec.s3Cidrs.join(','),
      },
    },
    automountServiceAccountToken: false,
  };
  const job: IJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: S3_TRAINER_NAME, namespace: SYSTEM_NAMESPACE, labels },
    spec: {
      backoffLimit: 6,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: S3_TRAINER_NAME,
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
                spec.data,
                ...(spec.eval ? ['--eval', spec.eval] : []),
                '--out',
                spec.storeUri,
                '--model-name',
                'sentiment',
              ],
              env: [{ name: S3_ENV.region, value: spec.region }],
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
  const cidrs = [...new Set([...spec.stsCidrs, ...spec.s3Cidrs])];
  const egress = networkPolicy(SYSTEM_NAMESPACE, 'allow-irsa-egress', labels, {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': S3_TRAINER_NAME } },
    policyTypes: ['Egress'],
    egress: [{ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: IRSA_PORT }] }],
  });
  return [sa, job, ...baselinePolicies(SYSTEM_NAMESPACE, labels), egress];
}
