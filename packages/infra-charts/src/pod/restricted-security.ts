import { k8s } from 'cdk8s-plus-28';

/** Pod-level settings that satisfy Pod Security "restricted" (cdk8s-plus's own defaults do not). */
export function restrictedPodSecurity(uid: number): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level settings that satisfy Pod Security "restricted", with a read-only root filesystem. */
export function restrictedContainerSecurity(): k8s.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Requests and limits as Kubernetes wants them. */
export function toResources(r: {
  requestsCpu: string;
  requestsMemory: string;
  limitsCpu: string;
  limitsMemory: string;
}): k8s.ResourceRequirements {
  return {
    requests: { cpu: k8s.Quantity.fromString(r.requestsCpu), memory: k8s.Quantity.fromString(r.requestsMemory) },
    limits: { cpu: k8s.Quantity.fromString(r.limitsCpu), memory: k8s.Quantity.fromString(r.limitsMemory) },
  };
}
