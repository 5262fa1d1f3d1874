import type { Manifest } from '../manifest/manifest.js';

/** The parts of a pod spec that the security and resource rules read. */
export interface PodSpecLike {
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly securityContext?: SecurityContextLike & { readonly sysctls?: ReadonlyArray<{ name: string }> };
  readonly containers?: readonly ContainerLike[];
  readonly initContainers?: readonly ContainerLike[];
  readonly ephemeralContainers?: readonly ContainerLike[];
  readonly volumes?: ReadonlyArray<Record<string, unknown> & { name: string }>;
}

export interface SecurityContextLike {
  readonly privileged?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly procMount?: string;
  readonly capabilities?: { readonly add?: readonly string[]; readonly drop?: readonly string[] };
  readonly seccompProfile?: { readonly type?: string };
  readonly seLinuxOptions?: { readonly type?: string; readonly user?: string; readonly role?: string };
  readonly appArmorProfile?: { readonly type?: string };
  readonly windowsOptions?: { readonly hostProcess?: boolean };
}

export interface ContainerLike {
  readonly name: string;
  readonly image?: string;
  readonly securityContext?: SecurityContextLike;
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
  readonly ports?: ReadonlyArray<{
    readonly name?: string;
    readonly containerPort: number;
    readonly hostPort?: number;
    readonly protocol?: string;
  }>;
  readonly [key: string]: unknown;
}

/** Finds the pod spec inside any workload kind; undefined for objects that run no pods. */
export function podSpecOf(m: Manifest): PodSpecLike | undefined {
  const spec = m.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  switch (m.kind) {
    case 'Pod':
      return spec as PodSpecLike;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return (spec.template as { spec?: PodSpecLike } | undefined)?.spec;
    case 'CronJob':
      return (spec.jobTemplate as { spec?: { template?: { spec?: PodSpecLike } } } | undefined)?.spec?.template?.spec;
    default:
      return undefined;
  }
}

/** Every container of a pod spec, init and ephemeral ones included. */
export function allContainers(pod: PodSpecLike): ContainerLike[] {
  return [...(pod.initContainers ?? []), ...(pod.containers ?? []), ...(pod.ephemeralContainers ?? [])];
}
