import { workloadRefOf } from '../../src/manifest/workload-ref.js';
import {
  modelUri,
  SCALE_DOWN_STABILIZATION_SECONDS,
  tenantNames,
  toApiAutoscaler,
  toApiConfigMap,
  toApiDeployment,
  toApiService,
  toReaderRole,
  toReaderRoleBinding,
  toResourceQuota,
  toServiceAccount,
  toTenantNamespace,
  toTenantNetworkPolicies,
} from '../../src/tenant/index.js';
import { tenantSpec } from '../fixtures.js';

type Json = Record<string, any>;
JSON;

const spec = tenantSpec();
const built = toApiDeployment(spec);
const api = workloadRefOf(built);
const deployment = built as Json;
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

describe('tenant objects', () => {
  it('keeps the reference names', () => {
    expect(tenantNames('tenant-a')).toMatchObject({
      namespace: 'tenant-a',
      deployment: 'tenant-a-ml-inference',
      service: 'tenant-a-ml-inference-svc',
      serviceAccount: 'tenant-a-ml-inference-sa',
    });
  });

  it('labels the namespace for Pod Security restricted in all three modes', () => {
    const labels = toTenantNamespace(spec).metadata?.labels ?? {};
    for (const mode of ['enforce', 'warn', 'audit'])
      expect(labels[`pod-security.kubernetes.io/${mode}`]).toBe('restricted');
    expect(labels['mlops.platform/tenant']).toBe('tenant-a');
  });

  it('selects pods on readable labels only, without version or hashes', () => {
    expect(deployment.spec.selector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'ml-inference',
      'app.kubernetes.io/instance': 'tenant-a',
    });
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(JSON.stringify(deployment)).not.toContain('cdk8s.io/metadata.addr');
  });

  it('sets the recommended labels', () => {
    expect(deployment.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'ml-inference',
      'app.kubernetes.io/instance': 'tenant-a',
      'app.kubernetes.io/component': 'inference-api',
      'app.kubernetes.io/part-of': 'mlops-platform',
      'app.kubernetes.io/managed-by': 'cdk8s',
    });
  });

  it('probes /health for liveness and startup and /ready for readiness on the probe listener port', () => {
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'probes' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/health', port: 'probes' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'probes' });
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 8000, protocol: 'TCP' },
      { name: 'probes', containerPort: 8001, protocol: 'TCP' },
    ]);
    // The API listens for probes on the port the container declares.
    expect(toApiConfigMap(spec).data?.PROBE_PORT).toBe('8001');
  });

  it('sets requests and limits from the profile defaults', () => {
    expect(container.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '192Mi' },
    });
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(container.image).toBe('mlops/inference-api:0.1.0');
  });

  it('runs restricted: non-root, no escalation, read-only root, no capabilities, RuntimeDefault seccomp', () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'api-keys', mountPath: '/etc/mlops/api-keys', readOnly: true },
    ]);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('reads settings from the ConfigMap and credentials from a Secret referenced by name only', () => {
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'tenant-a-ml-inference-config' } },
      { secretRef: { name: 'tenant-a-model-store-credentials' } },
    ]);
    const data = toApiConfigMap(spec).data ?? {};
    expect(data).toMatchObject({
      TENANT: 'tenant-a',
      PORT: '8000',
      MODEL_URI: 's3://models/sentiment',
      S3_ENDPOINT: 'http://minio.minio.svc.cluster.local:9000',
    });
    expect(Object.keys(data).join(' ')).not.toMatch(/SECRET|PASSWORD|ACCESS_KEY/);
  });

  it('serves on while the pod leaves the endpoints, then drains, all within the termination grace period', () => {
    const data = toApiConfigMap(spec).data ?? {};
    const delay = Number(data.SHUTDOWN_DELAY_MS);
    const grace = Number(data.SHUTDOWN_GRACE_MS);
    expect(delay).toBeGreaterThanOrEqual(3000);
    expect(grace).toBeGreaterThan(0);
    const pod = (toApiDeployment(spec) as Json).spec.template.spec;
    expect((delay + grace) / 1000).toBeLessThan(pod.terminationGracePeriodSeconds);
  });

  it.each(['192Mi', '320Mi', '448Mi'])(
    'passes no V8 flags at a %s limit: Node sizes the heap from the cgroup, and a flag would void the code caches',
    (memory) => {
      const resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory } };
      const tenant = tenantSpec({ resources });
      expect(toApiConfigMap(tenant).data).not.toHaveProperty('NODE_OPTIONS');
      const container = (toApiDeployment(tenant) as Json).spec.template.spec.containers[0];
      expect(JSON.stringify(container)).not.toContain('NODE_OPTIONS');
    },
  );

  it('pins the model URI to a version when the tenant names one', () => {
    expect(modelUri(tenantSpec({ model: { name: 'sentiment', version: 'v2' } }))).toBe('s3://models/sentiment/v2');
  });

  it('autoscales 2-10 pods at 50% CPU, up at once and down after 5 minutes', () => {
    const hpa = toApiAutoscaler(spec, api) as Json;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 10,
      scaleTargetRef: { kind: 'Deployment', name: 'tenant-a-ml-inference' },
    });
    expect(hpa.spec.metrics[0].resource).toEqual({
      name: 'cpu',
      target: { type: 'Utilization', averageUtilization: 50 },
    });
    expect(hpa.spec.behavior.scaleUp.stabilizationWindowSeconds).toBe(0);
    expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(SCALE_DOWN_STABILIZATION_SECONDS);
    expect(SCALE_DOWN_STABILIZATION_SECONDS).toBe(300);
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it('exposes a ClusterIP Service on the named port http 8000', () => {
    const svc = toApiService(spec, api) as Json;
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'http', port: 8000, targetPort: 'http' }] });
    expect(svc.spec.ports).toHaveLength(1); // the probe port is for kubelet only, never behind the Service
    expect(svc.spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  it('grants read-only pods/services/configmaps in the own namespace, never secrets', () => {
    const role = toReaderRole(spec);
    expect(role.metadata?.namespace).toBe('tenant-a');
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(JSON.stringify(role)).not.toContain('secrets');
    const binding = toReaderRoleBinding(spec);
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'tenant-a-ml-inference-reader',
    });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'tenant-a-ml-inference-sa', namespace: 'tenant-a' },
    ]);
    expect(toServiceAccount(spec).automountServiceAccountToken).toBe(false);
  });

  it('sizes the quota from the profile', () => {
    const quota = toResourceQuota(spec) as Json;
    expect(quota.spec.hard).toMatchObject({
      pods: '12',
      'limits.cpu': '6',
      'limits.memory': '5Gi',
      'services.loadbalancers': '0',
    });
  });
});

describe('tenant network policies', () => {
  const policies = Object.fromEntries(toTenantNetworkPolicies(spec).map((p) => [p.metadata?.name, p as Json]));

  it('denies all ingress and egress by default for every pod', () => {
    expect(policies['default-deny-all']?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('admits the API port only from the same namespace, Prometheus in monitoring and the gateway pods', () => {
    const ingress = policies['allow-api-ingress']?.spec.ingress;
    expect(ingress).toEqual([
      {
        from: [
          { podSelector: {} },
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 'http' }],
      },
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } },
            podSelector: {
              matchLabels: {
                'app.kubernetes.io/name': 'envoy',
                'gateway.envoyproxy.io/owning-gateway-name': 'edge',
                'gateway.envoyproxy.io/owning-gateway-namespace': 'mlops-gateway',
              },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 'http' }],
      },
    ]);
  });

  it('allows DNS to kube-dns on UDP and TCP 53 only', () => {
    const egress = policies['allow-dns-egress']?.spec.egress[0];
    expect(egress.to).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      },
    ]);
    expect(egress.ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
  });

  it('allows the API to reach MinIO on 9000 and nothing on the internet by default', () => {
    expect(policies['allow-object-storage-egress']?.spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 9000 }]);
    expect(policies['allow-configured-egress']).toBeUndefined();
    expect(JSON.stringify(policies)).not.toContain('ipBlock');
  });

  it('adds the configured CIDRs as the only ipBlocks', () => {
    const withCidr = toTenantNetworkPolicies(tenantSpec({ egressCidrs: ['10.1.0.0/16'] }));
    const extra = withCidr.find((p) => p.metadata?.name === 'allow-configured-egress');
    expect(extra?.spec?.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.1.0.0/16' } }] }]);
  });
});
