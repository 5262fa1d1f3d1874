import type { IAPIService } from 'kubernetes-models/apiregistration.k8s.io/v1/APIService';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import type { IClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ADDON_IMAGES } from '../../addon-images.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../../pod/restricted-security.js';
import { addonLabels, addonSelector } from '../addon-labels.js';

const NAME = 'metrics-server';
const NS = 'kube-system';

/** Settings of metrics-server. */
export interface MetricsServerSpec {
  readonly platformName: string;
  /** kind's kubelets serve self-signed certificates. */
  readonly kubeletInsecureTls: boolean;
}

/** metrics-server (the upstream v0.7 manifests, typed): what the HPAs read CPU from. */
export function toMetricsServer(spec: MetricsServerSpec) {
  const labels = addonLabels(NAME, 'metrics', spec.platformName, ADDON_IMAGES.metricsServer.split(':')[1]);
  const meta = (name: string, namespaced = true) => ({ name, ...(namespaced ? { namespace: NS } : {}), labels });
  const sa: IServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(NAME) };
  const aggregated: IClusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      ...meta('system:aggregated-metrics-reader', false),
      labels: {
        ...labels,
        'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
        'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
        'rbac.authorization.k8s.io/aggregate-to-view': 'true',
      },
    },
    rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }],
  };
  const role: IClusterRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta('system:metrics-server', false),
    rules: [
      { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
    ],
  };
  const subject = [{ kind: 'ServiceAccount', name: NAME, namespace: NS }];
  const authReader: IRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta('metrics-server-auth-reader'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' },
    subjects: subject,
  };
  const bind = (name: string, role: string): IClusterRoleBinding => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: meta(name, false),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: subject,
  });
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(NAME),
    spec: {
      selector: addonSelector(NAME),
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }],
    },
  };
  const args = [
    '--cert-dir=/tmp',
    '--secure-port=10250',
    '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
    '--kubelet-use-node-status-port',
    '--metric-resolution=15s',
  ];
  if (spec.kubeletInsecureTls) args.push('--kubelet-insecure-tls');
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(NAME),
    spec: {
      selector: { matchLabels: addonSelector(NAME) },
      strategy: { rollingUpdate: { maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: NAME,
          priorityClassName: 'system-cluster-critical',
          securityContext: restrictedPodSecurity(1000),
          containers: [
            {
              name: NAME,
              image: ADDON_IMAGES.metricsServer,
              imagePullPolicy: 'IfNotPresent',
              args,
              ports: [{ name: 'https', containerPort: 10250, protocol: 'TCP' }],
              livenessProbe: {
                httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' },
                periodSeconds: 10,
                failureThreshold: 3,
              },
              readinessProbe: {
                httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' },
                initialDelaySeconds: 20,
                periodSeconds: 10,
                failureThreshold: 3,
              },
              resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '500m', memory: '400Mi' } },
              securityContext: restrictedContainerSecurity(),
              volumeMounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp-dir', emptyDir: {} }],
        },
      },
    },
  };
  const apiService: IAPIService = {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: meta('v1beta1.metrics.k8s.io', false),
    spec: {
      group: 'metrics.k8s.io',
      groupPriorityMinimum: 100,
      insecureSkipTLSVerify: true,
      service: { name: NAME, namespace: NS },
      version: 'v1beta1',
      versionPriority: 100,
    },
  };
  return [
    sa,
    aggregated,
    role,
    authReader,
    bind('metrics-server:system:auth-delegator', 'system:auth-delegator'),
    bind('system:metrics-server', 'system:metrics-server'),
    service,
    deployment,
    apiService,
  ];
}
