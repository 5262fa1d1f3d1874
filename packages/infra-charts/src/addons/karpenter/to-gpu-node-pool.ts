import type { IEC2NodeClass } from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass';
import type { INodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import { GPU_NODE_LABEL, GPU_TAINT_KEY, type GpuNodesConfig } from '../../config/accelerator-schema.js';
import { addonLabels } from '../addon-labels.js';

export const GPU_NODE_POOL = 'gpu';

/**
 * A Karpenter NodePool + EC2NodeClass for GPU nodes: on-demand GPU instances of the configured families,
 * labelled and tainted the way GPU tenants select and tolerate them, capped at `gpuLimit` GPUs (the cost ceiling),
 * consolidated when empty.
 */
export function toGpuNodePool(
  karpenter: NonNullable<GpuNodesConfig['karpenter']>,
  platformName: string,
): [IEC2NodeClass, INodePool] {
  const labels = addonLabels('karpenter-gpu', 'node-autoscaling', platformName);
  const discovery = [{ tags: { 'karpenter.sh/discovery': karpenter.discoveryTag } }];
  const nodeClass: IEC2NodeClass = {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: GPU_NODE_POOL, labels },
    spec: {
      role: karpenter.nodeRole,
      amiSelectorTerms: [{ alias: karpenter.amiAlias }],
      subnetSelectorTerms: discovery,
      securityGroupSelectorTerms: discovery,
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: '100Gi', volumeType: 'gp3', encrypted: true } },
      ],
    },
  };
  const pool: INodePool = {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: GPU_NODE_POOL, labels },
    spec: {
      template: {
        metadata: { labels: { [GPU_NODE_LABEL]: 'true' } },
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: GPU_NODE_POOL },
          requirements: [
            { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: [...karpenter.instanceFamilies] },
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
            { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
          ],
          taints: [{ key: GPU_TAINT_KEY, value: 'true', effect: 'NoSchedule' }],
          expireAfter: '720h',
        },
      },
      limits: { [GPU_TAINT_KEY]: String(karpenter.gpuLimit) },
      disruption: { consolidationPolicy: 'WhenEmpty', consolidateAfter: '5m' },
    },
  };
  return [nodeClass, pool];
}
