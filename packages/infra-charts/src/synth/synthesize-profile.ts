import { App, Chart } from 'cdk8s';
import { S3_TRAINER_NAME, toS3TrainerJob } from '../addons/aws/to-s3-trainer-job.js';
import { Edge } from '../addons/edge/edge.js';
import { toGpuNodePool } from '../addons/karpenter/to-gpu-node-pool.js';
import { toKedaPrometheusAccess } from '../addons/keda/to-keda-prometheus-access.js';
import { toMetricsServer } from '../addons/metrics-server/to-metrics-server.js';
import { toObjectStorage } from '../addons/minio/to-object-storage.js';
import { toOperatorMonitoring } from '../addons/monitoring/to-operator-monitoring.js';
import { toStandaloneMonitoring } from '../addons/monitoring/to-standalone-monitoring.js';
import { toPlatformNamespace } from '../addons/platform-namespaces.js';
import {
  addonPriorityClassName,
  toAddonPriorityClass,
  toTenantPriorityClass,
} from '../addons/scheduling/to-priority-class.js';
import { formatImage } from '../config/image-reference.js';
import type { PlatformConfig, ProfileName } from '../config/index.js';
import { checkExtensions } from '../extensions/load-extensions.js';
import { EXTENSIONS_FILE, type PlatformExtension } from '../extensions/platform-extension.js';
import { extendProfile, extendTenant } from '../extensions/run-extensions.js';
import { collectManifests } from '../manifest/collect-manifests.js';
import { addManifests, kubeObject } from '../manifest/kube-object.js';
import type { ManifestFile } from '../manifest/manifest.js';
import { GATEWAY_NAMESPACE, resolveEdge } from '../network/edge-spec.js';
import { MINIO_NAMESPACE, MONITORING_NAMESPACE, SYSTEM_NAMESPACE } from '../platform-constants.js';
import { externalSecrets } from '../secrets/external-secrets.js';
import { resolveTenant, Tenant, type TenantSpec, toTenantNamespace } from '../tenant/index.js';
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

/** Options of {@link synthesizeProfile}. */
export interface SynthesizeProfileOptions {
  /** Platform teams' hooks, called per tenant and per profile (docs/config.md, "Extensions"). @default [] */
  readonly extensions?: readonly PlatformExtension[];
}

/**
 * Builds every object of one profile and returns them grouped by output file, one chart per file, each workload
 * stamped with the checksum of the config it consumes and each Job named by its content. Every ApiObject in the tree
 * is collected, the extensions' included. `tenantSpecs` are the tenants resolved once (synth shares them with IAM.md).
 * Objects are read with {@link collectManifests}, not `chart.toJson()`: cdk8s resolves the whole App
 * on each `toJson()`, which makes synthesis quadratic in the number of tenants.
 */
export function synthesizeProfile(
  config: PlatformConfig,
  profileName: ProfileName,
  options: SynthesizeProfileOptions = {},
  tenantSpecs: readonly TenantSpec[] = resolveTenants(config, profileName),
): ManifestFile[] {
  const extensions = checkExtensions(options.extensions ?? []);
  const profile = config.profiles[profileName];
  if (!profile)
    throw new Error(
      `profile "${profileName}" is not declared in the platform config; declared: ${Object.keys(config.profiles).join(', ')}`,
    );
  const app = new App({ outdir: '/nonexistent-cdk8s-outdir' });
  const newChart = (id: string, namespace?: string) =>
    new Chart(app, id, { disableResourceNameHashes: true, ...(namespace ? { namespace } : {}) });
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
    addManifests(
      metrics,
      toMetricsServer({ platformName: config.platform.name, kubeletInsecureTls: profileName === 'kind' }),
    );
    files.push({ name: '10-metrics-server.yaml', chart: metrics });
  }
  if (edge) {
    const chart = newChart('edge');
    new Edge(chart, 'edge', edge);
    files.push({ name: EDGE_FILE, chart });
  }
  if (minio) {
    const storage = newChart('object-storage');
    addManifests(
      storage,
      toObjectStorage({
        platformName: config.platform.name,
        storageClass: profile.storageClass,
        tenantModels: new Map(config.tenants.map((t) => [t.name, [t.model.name]])),
        trainerImage: formatImage(profile.images.trainer),
        trainerImagePullPolicy: profile.imagePullPolicy,
      }),
    );
    files.push({ name: '20-object-storage.yaml', chart: storage });
  }
  if (profile.objectStorage.type === 's3' && s3Training) {
    const training = newChart('training');
    const s = profile.objectStorage;
    addManifests(
      training,
      toS3TrainerJob({
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
      }),
    );
    files.push({ name: '20-training.yaml', chart: training });
  }
  const monitoring = newChart('monitoring');
  if (standalone) {
    addManifests(
      monitoring,
      toStandaloneMonitoring({
        platformName: config.platform.name,
        storageClass: profile.storageClass,
        objectStorage: profile.objectStorage.type,
        kubernetesApiCidrs: profile.kubernetesApiCidrs,
        alerting: profile.monitoring.alerting,
        runbookBaseUrl: profile.monitoring.runbookBaseUrl,
      }),
    );
  } else {
    addManifests(
      monitoring,
      toOperatorMonitoring({
        platformName: config.platform.name,
        objectStorage: profile.objectStorage.type,
        monitoring: profile.monitoring,
      }),
    );
  }
  files.push({ name: '30-monitoring.yaml', chart: monitoring });
  const gpuTenants = profile.gpu ? config.tenants.filter((t) => t.accelerator).length : 0;
  if (profile.gpu && (profile.gpu.karpenter || (gpuTenants > 0 && standalone))) {
    const gpu = newChart('gpu');
    if (profile.gpu.karpenter) addManifests(gpu, toGpuNodePool(profile.gpu.karpenter, config.platform.name));
    if (gpuTenants > 0 && standalone)
      kubeObject(gpu, 'keda-access', toKedaPrometheusAccess(config.platform.name, profile.gpu.kedaNamespace));
    files.push({ name: GPU_FILE, chart: gpu });
  }
  for (const spec of tenantSpecs) {
    kubeObject(namespaces, spec.name, toTenantNamespace(spec));
    // The chart's namespace is the default of foreign ApiObjects (extensions); the platform's own name theirs.
    const chart = newChart(`tenant-${spec.name}`, spec.name);
    extendTenant(new Tenant(chart, 'tenant', spec), profileName, extensions);
    files.push({ name: tenantFileName(spec.name), chart });
  }
  if (extensions.some((e) => e.profile)) {
    const chart = newChart('extensions');
    extendProfile(
      chart,
      { name: profileName, config: profile, platform: config.platform, tenants: tenantSpecs },
      extensions,
    );
    files.push({ name: EXTENSIONS_FILE, chart });
  }
  const addons = { addonImages: profile.addonImages, priorityClassName: addonPriorityClassName(config.platform.name) };
  // Add-on settings (image mirrors, priority class) are the platform's, not the tenants' or the extensions'.
  const ownFiles = new Set([...tenantSpecs.map((t) => tenantFileName(t.name)), EXTENSIONS_FILE]);
  const collected = files
    .map(({ name, chart }) => {
      const documents = collectManifests(chart);
      return { name, documents: ownFiles.has(name) ? documents : applyAddonSettings(documents, addons) };
    })
    .filter((f) => f.name !== EXTENSIONS_FILE || f.documents.length > 0);
  // Config reaches running pods (checksums), and Jobs are new Jobs when their inputs change (content names).
  const tenants = tenantSpecs.map((t) => t.name);
  return nameJobsByContent(addConfigChecksums(collected, externalSecrets(tenants)));
}

/** Every tenant of the config resolved against one profile: the one place resolveTenant runs during synth. */
export function resolveTenants(config: PlatformConfig, profileName: ProfileName): TenantSpec[] {
  const profile = config.profiles[profileName];
  if (!profile) return [];
  return config.tenants.map((t) => resolveTenant(config.platform, profile, t));
}
