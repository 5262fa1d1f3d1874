import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { MONITORING_NAMESPACE } from '../../platform-constants.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../pod/restricted-security.js';
import { emitYaml } from '../../synth/emit-yaml.js';
import { addonLabels, addonSelector } from '../addon-labels.js';
import { ADDON_IMAGES } from '../images.js';
import { RULES_DIR, toPrometheusConfig } from './prometheus-config.js';

/** What the standalone Prometheus needs. */
export interface PrometheusSpec {
  readonly platformName: string;
  readonly storageClass: string;
  readonly tenantNamespaces: readonly string[];
  /** The rendered rule file (YAML). */
  readonly rules: string;
}

/** Name of the ConfigMap holding the rule file; promtool reads the same text from dist/. */
export const RULES_CONFIG_MAP = 'prometheus-rules';
export const RULES_FILE = 'mlops.rules.yaml';

/** Prometheus with its config, rules and volume; RBAC only to read pods in the tenant namespaces (no ClusterRole). */
export function toPrometheus(spec: PrometheusSpec) {
  const name = 'prometheus';
  const labels = addonLabels(name, 'monitoring', spec.platformName, ADDON_IMAGES.prometheus.split(':')[1]);
  const meta = (n: string) => ({ name: n, namespace: MONITORING_NAMESPACE, labels });
  const sa: IServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name) };
  const rbac = spec.tenantNamespaces.flatMap((ns): [IRole, IRoleBinding] => [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'prometheus-discovery', namespace: ns, labels },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'prometheus-discovery', namespace: ns, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'prometheus-discovery' },
      subjects: [{ kind: 'ServiceAccount', name, namespace: MONITORING_NAMESPACE }],
    },
  ]);
  const config: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta('prometheus-config'),
    data: { 'prometheus.yml': emitYaml(toPrometheusConfig(spec.tenantNamespaces)) },
  };
  const rules: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(RULES_CONFIG_MAP),
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
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name),
    spec: {
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: addonSelector(name) },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: name,
          securityContext: restrictedPodSecurity(65534),
          containers: [
            {
              name,
              image: ADDON_IMAGES.prometheus,
              imagePullPolicy: 'IfNotPresent',
              args: [
                '--config.file=/etc/prometheus/prometheus.yml',
                '--storage.tsdb.path=/prometheus',
                '--storage.tsdb.retention.time=7d',
                '--web.listen-address=:9090',
              ],
              ports: [{ name: 'web', containerPort: 9090, protocol: 'TCP' }],
              livenessProbe: { httpGet: { path: '/-/healthy', port: 'web' }, periodSeconds: 10 },
              readinessProbe: { httpGet: { path: '/-/ready', port: 'web' }, periodSeconds: 5 },
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
              securityContext: restrictedContainerSecurity(),
              volumeMounts: [
                {
                  name: 'config',
                  mountPath: '/etc/prometheus/prometheus.yml',
                  subPath: 'prometheus.yml',
                  readOnly: true,
                },
                { name: 'rules', mountPath: RULES_DIR, readOnly: true },
                { name: 'data', mountPath: '/prometheus' },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: 'prometheus-config' } },
            { name: 'rules', configMap: { name: RULES_CONFIG_MAP } },
            { name: 'data', persistentVolumeClaim: { claimName: 'prometheus-data' } },
          ],
        },
      },
    },
  };
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name),
    spec: { selector: addonSelector(name), ports: [{ name: 'web', port: 9090, targetPort: 'web', protocol: 'TCP' }] },
  };
  return [sa, ...rbac, config, rules, pvc, deployment, service];
}
