import { ADDON_IMAGES } from '../../addon-images.js';
import type { KubeManifest } from '../../manifest/kube-object.js';
import { addonLabels } from '../addon-labels.js';
import { type MinioSpec, toMinio } from './to-minio.js';
import { toMinioNetworkPolicies } from './to-minio-network-policies.js';
import { type TrainerJobSpec, toTrainerJob } from './to-trainer-job.js';

/** What {@link toObjectStorage} needs: MinIO's settings and the trainer's image. */
export interface ObjectStorageSpec extends MinioSpec {
  readonly trainerImage: string;
  readonly trainerImagePullPolicy: TrainerJobSpec['imagePullPolicy'];
}

/** In-cluster MinIO, its provisioning Job and network isolation, and the training Job that publishes models into it. */
export function toObjectStorage(spec: ObjectStorageSpec): KubeManifest[] {
  const labels = addonLabels('minio', 'object-storage', spec.platformName, ADDON_IMAGES.minio.split(':')[1]);
  return [
    ...toMinio(spec),
    ...toMinioNetworkPolicies(labels),
    ...toTrainerJob({
      platformName: spec.platformName,
      image: spec.trainerImage,
      imagePullPolicy: spec.trainerImagePullPolicy,
    }),
  ];
}
