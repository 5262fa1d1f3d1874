import { checkPodSecurity } from '../../src/guardrails/check-pod-security.js';
import { checkContainerResources } from '../../src/guardrails/check-resources.js';
import type { PodSpecLike } from '../../src/guardrails/pod-templates.js';

const compliant: PodSpecLike = {
  securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'app',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      resources: { requests: { cpu: '1', memory: '1Mi' }, limits: { cpu: '1', memory: '1Mi' } },
    },
  ],
  volumes: [{ name: 'tmp', emptyDir: {} }],
};

function withContainer(ctx: Record<string, unknown>, pod: Partial<PodSpecLike> = {}): PodSpecLike {
  const [c] = compliant.containers ?? [];
  return {
    ...compliant,
    ...pod,
    containers: [{ ...c, name: 'app', securityContext: { ...c?.securityContext, ...ctx } }],
  };
}

describe('checkPodSecurity (restricted)', () => {
  it('passes a compliant pod', () => {
    expect(checkPodSecurity(compliant)).toEqual([]);
  });

  it.each<[string, PodSpecLike, string]>([
    ['privileged containers', withContainer({ privileged: true }), 'pod-security/privileged'],
    ['privilege escalation', withContainer({ allowPrivilegeEscalation: true }), 'pod-security/privilege-escalation'],
    ['missing capability drop', withContainer({ capabilities: {} }), 'pod-security/capabilities'],
    [
      'added capabilities beyond NET_BIND_SERVICE',
      withContainer({ capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } }),
      'pod-security/capabilities',
    ],
    ['running as root', withContainer({ runAsUser: 0 }), 'pod-security/run-as-user'],
    [
      'no runAsNonRoot anywhere',
      { ...withContainer({}), securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
      'pod-security/run-as-non-root',
    ],
    ['no seccomp profile', { ...withContainer({}), securityContext: { runAsNonRoot: true } }, 'pod-security/seccomp'],
    ['unconfined seccomp', withContainer({ seccompProfile: { type: 'Unconfined' } }), 'pod-security/seccomp'],
    ['hostNetwork', { ...compliant, hostNetwork: true }, 'pod-security/host-namespaces'],
    [
      'hostPath volumes',
      { ...compliant, volumes: [{ name: 'h', hostPath: { path: '/' } }] },
      'pod-security/host-path-volumes',
    ],
    [
      'other volume types',
      { ...compliant, volumes: [{ name: 'n', nfs: { server: 'x', path: '/' } }] },
      'pod-security/volume-types',
    ],
    [
      'host ports',
      {
        ...compliant,
        containers: [{ ...(compliant.containers?.[0] ?? { name: 'x' }), ports: [{ containerPort: 80, hostPort: 80 }] }],
      },
      'pod-security/host-ports',
    ],
    [
      'unsafe sysctls',
      { ...compliant, securityContext: { ...compliant.securityContext, sysctls: [{ name: 'kernel.msgmax' }] } },
      'pod-security/sysctls',
    ],
    ['unmasked /proc', withContainer({ procMount: 'Unmasked' }), 'pod-security/proc-mount'],
  ])('flags %s', (_name, pod, rule) => {
    expect(checkPodSecurity(pod).map((f) => f.rule)).toContain(rule);
  });
});

describe('checkContainerResources', () => {
  it('requires CPU and memory requests and limits on every container', () => {
    const pod: PodSpecLike = { containers: [{ name: 'app', resources: { requests: { cpu: '1' } } }] };
    expect(checkContainerResources(pod).map((f) => f.detail)).toEqual([
      'container "app" has no requests.memory; set resources.requests.memory',
      'container "app" has no limits.cpu; set resources.limits.cpu',
      'container "app" has no limits.memory; set resources.limits.memory',
    ]);
    expect(checkContainerResources(compliant)).toEqual([]);
  });
});
