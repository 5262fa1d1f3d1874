import { Construct } from 'constructs';
import { kubeObject } from '../../manifest/kube-object.js';
import { addonLabels } from '../addon-labels.js';
import { ADDON_IMAGES } from '../images.js';
import { type MinioSpec, toMinio } from './to-minio.js';
import { toMinioNetworkPolicies } from './to-minio-network-policies.js';
import { type TrainerJobSpec, toTrainerJob } from './to-trainer-job.js';

/** Props of {@link ObjectStorage}. */
export interface ObjectStorageProps extends MinioSpec {
  readonly trainerImage: string;
  readonly trainerImagePullPolicy: TrainerJobSpec['imagePullPolicy'];
}

/** In-cluster MinIO, its provisioning Job and network isolation, and the training Job that publishes models into it. */
export class ObjectStorage extends Construct {
  constructor(scope: Construct, id: string, props: ObjectStorageProps) {
    super(scope, id);
    const labels = addonLabels('minio', 'object-storage', props.platformName, ADDON_IMAGES.minio.split(':')[1]);
    const objects = [
      ...toMinio(props),
      ...toMinioNetworkPolicies(labels),
      ...toTrainerJob({
        platformName: props.platformName,
        image: props.trainerImage,
        imagePullPolicy: props.trainerImagePullPolicy,
      }),
    ];
    for (const m of objects) kubeObject(this, `${m.kind}-${m.metadata?.namespace}-${m.metadata?.name}`, m);
  }
}
