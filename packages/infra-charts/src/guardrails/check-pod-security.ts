import { allContainers, type ContainerLike, type PodSpecLike } from './pod-templates.js';

/** One failed Pod Security Standards check, named as the standard names it. */
export interface PodSecurityFinding {
  readonly rule: string;
  readonly detail: string;
}

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/**
 * Checks a pod spec against Pod Security Standards "restricted" (which includes "baseline"),
 * control by control as https://kubernetes.io/docs/concepts/security/pod-security-standards/ lists them.
 */
export function checkPodSecurity(pod: PodSpecLike): PodSecurityFinding[] {
  const findings: PodSecurityFinding[] = [];
  const fail = (rule: string, detail: string) => findings.push({ rule: `pod-security/${rule}`, detail });
  const podCtx = pod.securityContext ?? {};
  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC'] as const)
    if (pod[ns]) fail('host-namespaces', `${ns} must be false`);
  for (const sysctl of podCtx.sysctls ?? [])
    if (!SAFE_SYSCTLS.has(sysctl.name)) fail('sysctls', `sysctl ${sysctl.name} is not in the safe set`);
  for (const volume of pod.volumes ?? []) {
    const type = Object.keys(volume).find((k) => k !== 'name');
    if (type === 'hostPath') fail('host-path-volumes', `volume "${volume.name}" is a hostPath`);
    else if (type && !RESTRICTED_VOLUMES.has(type))
      fail('volume-types', `volume "${volume.name}" has type ${type}; allowed: ${[...RESTRICTED_VOLUMES].join(', ')}`);
  }
  checkSeLinux(podCtx.seLinuxOptions, 'pod', fail);
  if (podCtx.seccompProfile?.type === 'Unconfined') fail('seccomp', 'pod seccompProfile.type must not be Unconfined');
  if (podCtx.runAsUser === 0) fail('run-as-user', 'pod runAsUser must not be 0');
  if (podCtx.windowsOptions?.hostProcess) fail('host-process', 'pod windowsOptions.hostProcess must be false');
  if (podCtx.appArmorProfile?.type === 'Unconfined') fail('apparmor', 'pod appArmorProfile must not be Unconfined');
  for (const c of allContainers(pod)) checkContainer(c, podCtx, fail);
  return findings;
}

function checkContainer(
  c: ContainerLike,
  podCtx: NonNullable<PodSpecLike['securityContext']>,
  fail: (rule: string, detail: string) => void,
): void {
  const ctx = c.securityContext ?? {};
  const who = `container "${c.name}"`;
  if (ctx.privileged) fail('privileged', `${who} must not be privileged`);
  if (ctx.windowsOptions?.hostProcess) fail('host-process', `${who} windowsOptions.hostProcess must be false`);
  for (const port of c.ports ?? []) if (port.hostPort) fail('host-ports', `${who} uses hostPort ${port.hostPort}`);
  checkSeLinux(ctx.seLinuxOptions, who, fail);
  if (ctx.procMount && ctx.procMount !== 'Default') fail('proc-mount', `${who} procMount must be Default`);
  if (ctx.appArmorProfile?.type === 'Unconfined') fail('apparmor', `${who} appArmorProfile must not be Unconfined`);
  if (ctx.allowPrivilegeEscalation !== false)
    fail('privilege-escalation', `${who} must set securityContext.allowPrivilegeEscalation: false`);
  if (ctx.runAsNonRoot !== true && !(podCtx.runAsNonRoot === true && ctx.runAsNonRoot === undefined)) {
    fail('run-as-non-root', `${who} must run with runAsNonRoot: true (pod or container securityContext)`);
  }
  if (ctx.runAsUser === 0) fail('run-as-user', `${who} runAsUser must not be 0`);
  const seccomp = ctx.seccompProfile?.type ?? podCtx.seccompProfile?.type;
  if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
    fail('seccomp', `${who} needs seccompProfile.type RuntimeDefault or Localhost (pod or container)`);
  const drop = ctx.capabilities?.drop ?? [];
  if (!drop.includes('ALL')) fail('capabilities', `${who} must drop ALL capabilities`);
  for (const cap of ctx.capabilities?.add ?? []) {
    if (cap !== 'NET_BIND_SERVICE')
      fail(
        'capabilities',
        `${who} adds capability ${cap}; only NET_BIND_SERVICE may be added${BASELINE_CAPABILITIES.has(cap) ? ' under restricted' : ''}`,
      );
  }
}

function checkSeLinux(
  options: { type?: string; user?: string; role?: string } | undefined,
  who: string,
  fail: (rule: string, detail: string) => void,
): void {
  if (!options) return;
  if (options.type !== undefined && !SELINUX_TYPES.has(options.type))
    fail('selinux', `${who} seLinuxOptions.type ${options.type} is not allowed`);
  if (options.user || options.role) fail('selinux', `${who} must not set seLinuxOptions.user or role`);
}
