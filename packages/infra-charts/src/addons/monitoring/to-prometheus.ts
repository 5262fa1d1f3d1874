import type { IClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import type { IClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ADDON_IMAGES } from '../../addon-images.js';
import { emitYaml } from '../../manifest/emit-yaml.js';
import { MONITORING_NAMESPACE } from '../../platform-constants.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../pod/restricted-security.js';
import { RELOADED_LIVE_ANNOTATION } from '../../workload/add-config-checksums.js';
import { toAddonDeployment } from '../addon-deployment.js';
import { addonLabels, addonSelector } from '../addon-labels.js';
import { configReloaderContainer } from './config-reloader.js';
import { CONFIG_DIR, type PrometheusConfigSpec, RULES_DIR, toPrometheusConfig } from './prometheus-config.js';

/** What the standalone Prometheus needs; nothing in it depends on the tenant list. */
export interface PrometheusSpec extends PrometheusConfigSpec {
  readonly platformName: string;
  readonly storageClass: string;
  /** The rendered rule file (YAML). */
  readonly rules: string;
}

/** Names of the ConfigMaps; promtool reads the same text from dist/. */
export const CONFIG_CONFIG_MAP = 'prometheus-config';
export const CONFIG_FILE = 'prometheus.yml';
export const RULES_CONFIG_MAP = 'prometheus-rules';
export const RULES_FILE = 'mlops.rules.yaml';

/**
 * Prometheus with its config, rules and volume. Pods are discovered by label across namespaces, so it reads
 * pods cluster-wide (list/watch, nothing else). Config and rules are whole-directory mounts watched by the
 * config-reloader: an apply that changes them reaches the running Prometheus without a restart.
 */
export function toPrometheus(spec: PrometheusSpec) {
  const name = 'prometheus';
  const labels = addonLabels(name, 'monitoring', spec.platformName, ADDON_IMAGES.prometheus.split(':')[1]);
  const meta = (n: string) => ({ name: n, namespace: MONITORING_NAMESPACE, labels });
  const sa: IServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name) };
  const role: IClusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'mlops-prometheus-discovery', labels },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] }],
  };
  const binding: IClusterRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'mlops-prometheus-discovery', labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata!.name! },
    subjects: [{ kind: 'ServiceAccount', name, namespace: MONITORING_NAMESPACE }],
  };
  const config: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    // Reloaded by the config-reloader sidecar: a change rolls no pod.
    metadata: { ...meta(CONFIG_CONFIG_MAP), annotations: { [RELOADED_LIVE_ANNOTATION]: 'true' } },
    data: { [CONFIG_FILE]: emitYaml(toPrometheusConfig(spec)) },
  };
  const rules: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    // Reloaded by the config-reloader sidecar: a change rolls no pod.
    metadata: { ...meta(RULES_CONFIG_MAP), annotations: { [RELOADED_LIVE_ANNOTATION]: 'true' } },
    data: { [RULES_FILE]: spec.rules },
  };
  const pvc: IPersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('prometheus-data'),
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: spec.storageClass,
      resources: { requests: { storage: '10Gi' } },
    },
  };
  const deployment = toAddonDeployment({
    metadata: meta(name),
    name: name,
    labels,
    strategy: { type: 'Recreate' },
    pod: {
      serviceAccountName: name,
      securityContext: restrictedPodSecurity(65534),
      containers: [
        {
          name,
          image: ADDON_IMAGES.prometheus,
          imagePullPolicy: 'IfNotPresent',
          args: [
            `--config.file=${CONFIG_DIR}/${CONFIG_FILE}`,
            '--storage.tsdb.path=/prometheus',
            '--storage.tsdb.retention.time=7d',
            '--web.listen-address=:9090',
            // POST /-/reload, used by the config-reloader sidecar (reachable from inside the pod only).
            '--web.enable-lifecycle',
          ],
          ports: [{ name: 'web', containerPort: 9090, protocol: 'TCP' }],
          livenessProbe: { httpGet: { path: '/-/healthy', port: 'web' }, periodSeconds: 10 },
          readinessProbe: { httpGet: { path: '/-/ready', port: 'web' }, periodSeconds: 5 },
          resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
          securityContext: restrictedContainerSecurity(),
          volumeMounts: [
            { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
            { name: 'rules', mountPath: RULES_DIR, readOnly: true },
            { name: 'data', mountPath: '/prometheus' },
          ],
        },
        configReloaderContainer('http://127.0.0.1:9090/-/reload', [
          { volume: 'config', path: CONFIG_DIR },
          { volume: 'rules', path: RULES_DIR },
        ]),
      ],
      volumes: [
        { name: 'config', configMap: { name: CONFIG_CONFIG_MAP } },
        { name: 'rules', configMap: { name: RULES_CONFIG_MAP } },
        { name: 'data', persistentVolumeClaim: { claimName: 'prometheus-data' } },
      ],
    },
  });
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name),
    spec: { selector: addonSelector(name), ports: [{ name: 'web', port: 9090, targetPort: 'web', protocol: 'TCP' }] },
  };
  return [sa, role, binding, config, rules, pvc, deployment, service];
}
