import { GRAFANA_KEYS, GRAFANA_SECRET } from '@mlops/shared/contract';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IService } from 'kubernetes-models/v1/Service';
import { ADDON_IMAGES } from '../../addon-images.js';
import { emitYaml } from '../../manifest/emit-yaml.js';
import { MONITORING_NAMESPACE } from '../../platform-constants.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../pod/restricted-security.js';
import { toAddonDeployment } from '../addon-deployment.js';
import { addonLabels, addonSelector } from '../addon-labels.js';
import { toGrafanaDashboard } from './to-grafana-dashboard.js';

/** Secret with keys admin-user and admin-password; the cluster tool creates it with a random password. */
export { GRAFANA_SECRET } from '@mlops/shared/contract';

const DATASOURCE_UID = 'prometheus';

/** Grafana with the Prometheus datasource and the platform dashboard provisioned from files. */
export function toGrafana(platformName: string) {
  const name = 'grafana';
  const labels = addonLabels(name, 'monitoring', platformName, ADDON_IMAGES.grafana.split(':')[1]);
  const meta = (n: string) => ({ name: n, namespace: MONITORING_NAMESPACE, labels });
  const provisioning: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('grafana-provisioning'),
    data: {
      'datasources.yaml': emitYaml({
        apiVersion: 1,
        datasources: [
          {
            name: 'Prometheus',
            uid: DATASOURCE_UID,
            type: 'prometheus',
            access: 'proxy',
            url: `http://prometheus.${MONITORING_NAMESPACE}.svc.cluster.local:9090`,
            isDefault: true,
          },
        ],
      }),
      'dashboards.yaml': emitYaml({
        apiVersion: 1,
        providers: [
          { name: 'mlops', type: 'file', disableDeletion: true, options: { path: '/var/lib/grafana-dashboards' } },
        ],
      }),
    },
  };
  const dashboards: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('grafana-dashboards'),
    data: { 'mlops-inference.json': `${JSON.stringify(toGrafanaDashboard(), null, 2)}\n` },
  };
  const secretEnv = (env: string, key: string) => ({
    name: env,
    valueFrom: { secretKeyRef: { name: GRAFANA_SECRET, key } },
  });
  const deployment = toAddonDeployment({
    metadata: meta(name),
    name: name,
    labels,
    pod: {
      automountServiceAccountToken: false,
      securityContext: restrictedPodSecurity(472),
      containers: [
        {
          name,
          image: ADDON_IMAGES.grafana,
          imagePullPolicy: 'IfNotPresent',
          env: [
            secretEnv('GF_SECURITY_ADMIN_USER', GRAFANA_KEYS.user),
            secretEnv('GF_SECURITY_ADMIN_PASSWORD', GRAFANA_KEYS.password),
            { name: 'GF_PATHS_DATA', value: '/var/lib/grafana' },
            { name: 'GF_PATHS_PROVISIONING', value: '/etc/grafana/provisioning' },
            { name: 'GF_ANALYTICS_REPORTING_ENABLED', value: 'false' },
            { name: 'GF_ANALYTICS_CHECK_FOR_UPDATES', value: 'false' },
            { name: 'GF_AUTH_ANONYMOUS_ENABLED', value: 'false' },
          ],
          ports: [{ name: 'http', containerPort: 3000, protocol: 'TCP' }],
          readinessProbe: { httpGet: { path: '/api/health', port: 'http' }, periodSeconds: 10 },
          livenessProbe: { httpGet: { path: '/api/health', port: 'http' }, periodSeconds: 20, failureThreshold: 6 },
          resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
          securityContext: restrictedContainerSecurity(),
          volumeMounts: [
            // Whole-volume mounts (no subPath), so the kubelet delivers changed files to the running pod.
            { name: 'provisioning', mountPath: '/etc/grafana/provisioning', readOnly: true },
            { name: 'dashboards', mountPath: '/var/lib/grafana-dashboards', readOnly: true },
            { name: 'data', mountPath: '/var/lib/grafana' },
            { name: 'tmp', mountPath: '/tmp' },
          ],
        },
      ],
      volumes: [
        {
          name: 'provisioning',
          configMap: {
            name: 'grafana-provisioning',
            items: [
              { key: 'datasources.yaml', path: 'datasources/datasources.yaml' },
              { key: 'dashboards.yaml', path: 'dashboards/dashboards.yaml' },
            ],
          },
        },
        { name: 'dashboards', configMap: { name: 'grafana-dashboards' } },
        { name: 'data', emptyDir: {} },
        { name: 'tmp', emptyDir: {} },
      ],
    },
  });
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name),
    spec: { selector: addonSelector(name), ports: [{ name: 'http', port: 3000, targetPort: 'http', protocol: 'TCP' }] },
  };
  return [provisioning, dashboards, deployment, service];
}
