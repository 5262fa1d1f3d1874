import { App, Chart } from 'cdk8s';
import { S3_TRAINER_NAME, toS3TrainerJob } from '../addons/aws/to-s3-trainer-job.js';
import { Edge } from '../addons/edge/edge.js';
import { GATEWAY_NAMESPACE, resolveEdge } from '../addons/edge/edge-spec.js';
import { toGpuNodePool } from '../addons/karpenter/to-gpu-node-pool.js';
import { toKedaPrometheusAccess } from '../addons/keda/to-keda-prometheus-access.js';
import { MetricsServer } from '../addons/metrics-server/metrics-server.js';
import { ObjectStorage } from '../addons/minio/object-storage.js';
import { SYSTEM_NAMESPACE } from '../addons/minio/to-minio-network-policies.js';
import { Monitoring } from '../addons/monitoring/monitoring.js';
import { toOperatorMonitoring } from '../addons/monitoring/to-operator-monitoring.js';
import { toPlatformNamespace } from '../addons/platform-namespaces.js';
import {
  addonPriorityClassName,
  toAddonPriorityClass,
  toTenantPriorityClass,
} from '../addons/scheduling/to-priority-class.js';
import { formatImage } from '../config/image-reference.js';
import type { PlatformConfig, ProfileName } from '../config/index.js';
import { kubeObject } from '../manifest/kube-object.js';
import type { ManifestFile } from '../manifest/manifest.js';
import { collectManifests } from '../manifest/manifest-object.js';
import { MINIO_NAMESPACE, MONITORING_NAMESPACE } from '../platform-constants.js';
import { externalSecrets } from '../secrets/external-secrets.js';
import { resolveTenant, Tenant, TenantNamespace } from '../tenant/index.js';
import { addConfigChecksums } from '../workload/add-config-checksums.js';
import { nameJobsByContent } from '../workload/name-jobs-by-content.js';
import { applyAddonSettings } from './apply-addon-settings.js';

/** File names sort into apply order: namespaces, then platform add-ons, then tenants. */
export const NAMESPACES_FILE = '00-namespaces.yaml';
/** Cluster-scoped scheduling objects (the add-ons' PriorityClass), before any pod that names them. */
export const SCHEDULING_FILE = '05-scheduling.yaml';
/** GPU support: the Karpenter NodePool/EC2NodeClass (when enabled) and KEDA's access to Prometheus (GPU tenants). */
export const GPU_FILE = '40-gpu.yaml';
/** The tenant edge: ClusterIssuer, and in gateway mode the Gateway and its certificates (tenant routes are in the tenant files). */
export const EDGE_FILE = '15-edge.yaml';
export const tenantFileName = (tenant: string) => `50-tenant-${tenant}.yaml`;

/**
 * Builds every object of one profile and returns them grouped by output file, one chart per file, each workload
 * stamped with the checksum of the config it consumes and each Job named by its content.
 * Objects are read with {@link collectManifests}, not `chart.toJson()`: cdk8s resolves the whole App
 * on each `toJson()`, which makes synthesis quadratic in the number of tenants.
 */
export function synthesizeProfile(config: PlatformConfig, profileName: ProfileName): ManifestFile[] {
  const profile = config.profiles[profileName];
  if (!profile)
    throw new Error(
      `profile "${profileName}" is not declared in the platform config; declared: ${Object.keys(config.profiles).join(', ')}`,
    );
  const app = new App({ outdir: '/nonexistent-cdk8s-outdir' });
  const newChart = (id: string) => new Chart(app, id, { disableResourceNameHashes: true });
  const files: Array<{ name: string; chart: Chart }> = [];
  const namespaces = newChart('namespaces');
  files.push({ name: NAMESPACES_FILE, chart: namespaces });
  const minio = profile.objectStorage.type === 'minio';
  const s3Training = profile.objectStorage.type === 's3' ? profile.objectStorage.training : undefined;
  const standalone = profile.monitoring.mode === 'standalone';
  const edge = resolveEdge(config, profile);
  const platformNamespaces = [
    ...(edge?.mode === 'gateway' ? [GATEWAY_NAMESPACE] : []),
    ...(minio ? [MINIO_NAMESPACE, SYSTEM_NAMESPACE] : []),
    ...(s3Training ? [SYSTEM_NAMESPACE] : []),
    ...(standalone ? [MONITORING_NAMESPACE] : []),
  ];
  for (const ns of platformNamespaces) kubeObject(namespaces, ns, toPlatformNamespace(ns, config.platform.name));
  const scheduling = newChart('scheduling');
  kubeObject(scheduling, 'addon-priority', toAddonPriorityClass(config.platform.name));
  kubeObject(scheduling, 'tenant-priority', toTenantPriorityClass(config.platform.name));
  files.push({ name: SCHEDULING_FILE, chart: scheduling });
  if (!profile.clusterProvided.metricsServer) {
    const metrics = newChart('metrics-server');
    new MetricsServer(metrics, 'metrics-server', {
      platformName: config.platform.name,
      kubeletInsecureTls: profileName === 'kind',
    });
    files.push({ name: '10-metrics-server.yaml', chart: metrics });
  }
  if (edge) {
    const chart = newChart('edge');
    new Edge(chart, 'edge', edge);
    files.push({ name: EDGE_FILE, chart });
  }
  if (minio) {
    const storage = newChart('object-storage');
    new ObjectStorage(storage, 'object-storage', {
      platformName: config.platform.name,
      storageClass: profile.storageClass,
      tenantModels: new Map(config.tenants.map((t) => [t.name, [t.model.name]])),
      trainerImage: formatImage(profile.images.trainer),
      trainerImagePullPolicy: profile.imagePullPolicy,
    });
    files.push({ name: '20-object-storage.yaml', chart: storage });
  }
  if (profile.objectStorage.type === 's3' && s3Training) {
    const training = newChart('training');
    const s = profile.objectStorage;
    for (const m of toS3TrainerJob({
      platformName: config.platform.name,
      image: formatImage(profile.images.trainer),
      imagePullPolicy: profile.imagePullPolicy,
      region: s.region,
      storeUri: `s3://${s.bucket}${s.prefix ? `/${s.prefix}` : ''}`,
      data: s3Training.data,
      ...(s3Training.eval ? { eval: s3Training.eval } : {}),
      roleArn: `${s.roleArnPrefix}${S3_TRAINER_NAME}`,
      stsCidrs: s.irsaEgress.stsCidrs,
      s3Cidrs: s.irsaEgress.s3Cidrs,
    }))
      kubeObject(training, `${m.kind}-${m.metadata?.name}`, m);
    files.push({ name: '20-training.yaml', chart: training });
  }
  const monitoring = newChart('monitoring');
  if (standalone) {
    new Monitoring(monitoring, 'monitoring', {
      platformName: config.platform.name,
      storageClass: profile.storageClass,
      objectStorage: profile.objectStorage.type,
      kubernetesApiCidrs: profile.kubernetesApiCidrs,
      alerting: profile.monitoring.alerting,
      runbookBaseUrl: profile.monitoring.runbookBaseUrl,
    });
  } else {
    const objects = toOperatorMonitoring({
      platformName: config.platform.name,
      objectStorage: profile.objectStorage.type,
      monitoring: profile.monitoring,
    });
    for (const m of objects) kubeObject(monitoring, `${m.kind}-${m.metadata?.name}`, m);
  }
  files.push({ name: '30-monitoring.yaml', chart: monitoring });
  const gpuTenants = profile.gpu ? config.tenants.filter((t) => t.accelerator).length : 0;
  if (profile.gpu && (profile.gpu.karpenter || (gpuTenants > 0 && standalone))) {
    const gpu = newChart('gpu');
    if (profile.gpu.karpenter)
      for (const m of toGpuNodePool(profile.gpu.karpenter, config.platform.name)) kubeObject(gpu, m.kind, m);
    if (gpuTenants > 0 && standalone)
      kubeObject(gpu, 'keda-access', toKedaPrometheusAccess(config.platform.name, profile.gpu.kedaNamespace));
    files.push({ name: GPU_FILE, chart: gpu });
  }
  for (const tenant of config.tenants) {
    const spec = resolveTenant(config.platform, profile, tenant);
    new TenantNamespace(namespaces, tenant.name, spec);
    const chart = newChart(`tenant-${tenant.name}`);
    new Tenant(chart, 'tenant', spec);
    files.push({ name: tenantFileName(tenant.name), chart });
  }
  const addons = { addonImages: profile.addonImages, priorityClassName: addonPriorityClassName(config.platform.name) };
  const tenantFiles = new Set(config.tenants.map((t) => tenantFileName(t.name)));
  const collected = files.map(({ name, chart }) => {
    const documents = collectManifests(chart);
    return { name, documents: tenantFiles.has(name) ? documents : applyAddonSettings(documents, addons) };
  });
  // Config reaches running pods (checksums), and Jobs are new Jobs when their inputs change (content names).
  const tenants = config.tenants.map((t) => t.name);
  return nameJobsByContent(addConfigChecksums(collected, externalSecrets(tenants)));
}
