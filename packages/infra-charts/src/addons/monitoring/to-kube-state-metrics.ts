import type { IClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import type { IClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ADDON_IMAGES } from '../../addon-images.js';
import { MONITORING_NAMESPACE } from '../../platform-constants.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../pod/restricted-security.js';
import { toAddonDeployment } from '../addon-deployment.js';
import { addonLabels, addonSelector } from '../addon-labels.js';
import { KUBE_STATE_METRICS_PORT } from './prometheus-config.js';

/** The kinds the rules and dashboard use, as kube-state-metrics `--resources` and as RBAC rules (list/watch only). */
const KINDS = [
  { resource: 'pods', apiGroup: '', collector: 'pods' },
  { resource: 'deployments', apiGroup: 'apps', collector: 'deployments' },
  { resource: 'horizontalpodautoscalers', apiGroup: 'autoscaling', collector: 'horizontalpodautoscalers' },
] as const;

/** kube-state-metrics limited to pods, Deployments and HPAs: restarts, readiness, limits and autoscaler bounds. */
export function toKubeStateMetrics(platformName: string) {
  const name = 'kube-state-metrics';
  const labels = addonLabels(name, 'monitoring', platformName, ADDON_IMAGES.kubeStateMetrics.split(':')[1]);
  const meta = (n: string) => ({ name: n, namespace: MONITORING_NAMESPACE, labels });
  const sa: IServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name) };
  const role: IClusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'mlops-kube-state-metrics', labels },
    rules: KINDS.map((k) => ({ apiGroups: [k.apiGroup], resources: [k.resource], verbs: ['list', 'watch'] })),
  };
  const binding: IClusterRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'mlops-kube-state-metrics', labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'mlops-kube-state-metrics' },
    subjects: [{ kind: 'ServiceAccount', name, namespace: MONITORING_NAMESPACE }],
  };
  const deployment = toAddonDeployment({
    metadata: meta(name),
    name: name,
    labels,
    pod: {
      serviceAccountName: name,
      securityContext: restrictedPodSecurity(65534),
      containers: [
        {
          name,
          image: ADDON_IMAGES.kubeStateMetrics,
          imagePullPolicy: 'IfNotPresent',
          args: [
            `--resources=${KINDS.map((k) => k.collector).join(',')}`,
            `--port=${KUBE_STATE_METRICS_PORT}`,
            '--telemetry-port=8081',
          ],
          ports: [
            { name: 'metrics', containerPort: KUBE_STATE_METRICS_PORT, protocol: 'TCP' },
            { name: 'telemetry', containerPort: 8081, protocol: 'TCP' },
          ],
          livenessProbe: { httpGet: { path: '/livez', port: 'metrics' }, periodSeconds: 10 },
          readinessProbe: { httpGet: { path: '/readyz', port: 'telemetry' }, periodSeconds: 5 },
          resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
          securityContext: restrictedContainerSecurity(),
        },
      ],
    },
  });
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name),
    spec: {
      selector: addonSelector(name),
      ports: [{ name: 'metrics', port: KUBE_STATE_METRICS_PORT, targetPort: 'metrics', protocol: 'TCP' }],
    },
  };
  return [sa, role, binding, deployment, service];
}
