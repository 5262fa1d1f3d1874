import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IService } from 'kubernetes-models/v1/Service';
import { ADDON_IMAGES } from '../../addon-images.js';
import type { AlertingConfig } from '../../config/monitoring-config-schema.js';
import { emitYaml } from '../../manifest/emit-yaml.js';
import { MONITORING_NAMESPACE } from '../../platform-constants.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../pod/restricted-security.js';
import { RELOADED_LIVE_ANNOTATION } from '../../workload/add-config-checksums.js';
import { toAddonDeployment } from '../addon-deployment.js';
import { addonLabels, addonSelector } from '../addon-labels.js';
import { ALERTMANAGER_SECRET, ALERTMANAGER_SECRET_DIR, toAlertmanagerConfig } from './alertmanager-config.js';
import { configReloaderContainer } from './config-reloader.js';
import { ALERTMANAGER_PORT } from './prometheus-config.js';

export const ALERTMANAGER_CONFIG_MAP = 'alertmanager-config';
export const ALERTMANAGER_CONFIG_FILE = 'alertmanager.yml';
const CONFIG_DIR = '/etc/alertmanager/config';

/**
 * One Alertmanager (no HA mesh) with the synthesized routes. Silences and the notification log live in an
 * emptyDir: a restart forgets silences and may re-send open alerts once (docs/monitoring.md says so).
 */
export function toAlertmanager(platformName: string, alerting: AlertingConfig) {
  const name = 'alertmanager';
  const labels = addonLabels(name, 'monitoring', platformName, ADDON_IMAGES.alertmanager.split(':')[1]);
  const meta = (n: string) => ({ name: n, namespace: MONITORING_NAMESPACE, labels });
  const config: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    // Reloaded by the config-reloader sidecar: a change rolls no pod.
    metadata: { ...meta(ALERTMANAGER_CONFIG_MAP), annotations: { [RELOADED_LIVE_ANNOTATION]: 'true' } },
    data: { [ALERTMANAGER_CONFIG_FILE]: emitYaml(toAlertmanagerConfig(alerting)) },
  };
  const deployment = toAddonDeployment({
    metadata: meta(name),
    name: name,
    labels,
    strategy: { type: 'Recreate' },
    pod: {
      automountServiceAccountToken: false,
      securityContext: restrictedPodSecurity(65534),
      containers: [
        {
          name,
          image: ADDON_IMAGES.alertmanager,
          imagePullPolicy: 'IfNotPresent',
          args: [
            `--config.file=${CONFIG_DIR}/${ALERTMANAGER_CONFIG_FILE}`,
            '--storage.path=/alertmanager',
            `--web.listen-address=:${ALERTMANAGER_PORT}`,
            // A single replica: no gossip mesh to listen on.
            '--cluster.listen-address=',
          ],
          ports: [{ name: 'web', containerPort: ALERTMANAGER_PORT, protocol: 'TCP' }],
          livenessProbe: { httpGet: { path: '/-/healthy', port: 'web' }, periodSeconds: 10 },
          readinessProbe: { httpGet: { path: '/-/ready', port: 'web' }, periodSeconds: 5 },
          resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
          securityContext: restrictedContainerSecurity(),
          volumeMounts: [
            { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
            { name: 'secrets', mountPath: ALERTMANAGER_SECRET_DIR, readOnly: true },
            { name: 'data', mountPath: '/alertmanager' },
          ],
        },
        configReloaderContainer(`http://127.0.0.1:${ALERTMANAGER_PORT}/-/reload`, [
          { volume: 'config', path: CONFIG_DIR },
        ]),
      ],
      volumes: [
        { name: 'config', configMap: { name: ALERTMANAGER_CONFIG_MAP } },
        // Optional: with only the null receiver (or a plain webhook) no Secret is needed.
        { name: 'secrets', secret: { secretName: ALERTMANAGER_SECRET, optional: true } },
        { name: 'data', emptyDir: { sizeLimit: '256Mi' } },
      ],
    },
  });
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name),
    spec: {
      selector: addonSelector(name),
      ports: [{ name: 'web', port: ALERTMANAGER_PORT, targetPort: 'web', protocol: 'TCP' }],
    },
  };
  return [config, deployment, service];
}
