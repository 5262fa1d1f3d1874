import { allContainers, type PodSpecLike } from './pod-templates.js';

/** Every container must declare CPU and memory requests and limits, so quotas and the HPA work. */
export function checkContainerResources(pod: PodSpecLike): Array<{ rule: string; detail: string }> {
  const findings: Array<{ rule: string; detail: string }> = [];
  for (const c of allContainers(pod)) {
    for (const side of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) {
        if (c.resources?.[side]?.[resource] === undefined) {
          findings.push({
            rule: 'resources/declared',
            detail: `container "${c.name}" has no ${side}.${resource}; set resources.${side}.${resource}`,
          });
        }
      }
    }
  }
  return findings;
}
