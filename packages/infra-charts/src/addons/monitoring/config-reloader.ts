import type { IContainer } from 'kubernetes-models/v1/Container';
import { ADDON_IMAGES } from '../../addon-images.js';
import { restrictedContainerSecurity } from '../../pod/restricted-security.js';

/**
 * The config-reloader sidecar (the one kube-prometheus-stack runs): it watches the mounted ConfigMap
 * directories, which the kubelet updates in place after an apply, and POSTs the server's /-/reload.
 */
export function configReloaderContainer(
  reloadUrl: string,
  watchedDirs: ReadonlyArray<{ volume: string; path: string }>,
) {
  const container: IContainer = {
    name: 'config-reloader',
    image: ADDON_IMAGES.configReloader,
    imagePullPolicy: 'IfNotPresent',
    args: ['--listen-address=:8081', `--reload-url=${reloadUrl}`, ...watchedDirs.map((d) => `--watched-dir=${d.path}`)],
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    securityContext: restrictedContainerSecurity(),
    volumeMounts: watchedDirs.map((d) => ({ name: d.volume, mountPath: d.path, readOnly: true })),
  };
  return container;
}
