import { App, Chart } from 'cdk8s';
import { MetricsServer } from '../addons/metrics-server/metrics-server.js';
import { ObjectStorage } from '../addons/minio/object-storage.js';
import { SYSTEM_NAMESPACE } from '../addons/minio/to-minio-network-policies.js';
import { Monitoring } from '../addons/monitoring/monitoring.js';
import { toOperatorMonitoring } from '../addons/monitoring/to-operator-monitoring.js';
import { toPlatformNamespace } from '../addons/platform-namespaces.js';
import type { PlatformConfig, ProfileName } from '../config/index.js';
import { parseQuantity } from '../config/quantity.js';
import { kubeObject } from '../manifest/kube-object.js';
import type { ManifestFile } from '../manifest/manifest.js';
import { collectManifests } from '../manifest/manifest-object.js';
import { MINIO_NAMESPACE, MONITORING_NAMESPACE } from '../platform-constants.js';
import { externalSecrets } from '../secrets/external-secrets.js';
import { resolveTenant, Tenant, TenantNamespace } from '../tenant/index.js';
import { addConfigChecksums } from '../workload/add-config-checksums.js';
import { nameJobsByContent } from '../workload/name-jobs-by-content.js';

/** File names sort into apply order: namespaces, then platform add-ons, then tenants. */
export const NAMESPACES_FILE = '00-namespaces.yaml';
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
  const standalone = profile.monitoring.mode === 'standalone';
  const platformNamespaces = [
    ...(minio ? [MINIO_NAMESPACE, SYSTEM_NAMESPACE] : []),
    ...(standalone ? [MONITORING_NAMESPACE] : []),
  ];
  for (const ns of platformNamespaces) kubeObject(namespaces, ns, toPlatformNamespace(ns, config.platform.name));
  const metrics = newChart('metrics-server');
  new MetricsServer(metrics, 'metrics-server', {
    platformName: config.platform.name,
    kubeletInsecureTls: profileName === 'kind',
  });
  files.push({ name: '10-metrics-server.yaml', chart: metrics });
  if (minio) {
    const storage = newChart('object-storage');
    new ObjectStorage(storage, 'object-storage', {
      platformName: config.platform.name,
      storageClass: profile.storageClass,
      tenantModels: new Map(config.tenants.map((t) => [t.name, [t.model.name]])),
      trainerImage: `${profile.images.trainer.repository}:${profile.images.trainer.tag}`,
      trainerImagePullPolicy: profile.imagePullPolicy,
    });
    files.push({ name: '20-object-storage.yaml', chart: storage });
  }
  const monitoring = newChart('monitoring');
  const limits = config.tenants
    .map((t) => resolveTenant(config.platform, profile, t))
    .map((t) => ({
      name: t.name,
      maxReplicas: t.maxReplicas,
      limitsCpuCores: parseQuantity(t.limitsCpu) ?? 1,
      limitsMemoryBytes: parseQuantity(t.limitsMemory) ?? 1,
    }));
  if (standalone) {
    new Monitoring(monitoring, 'monitoring', {
      platformName: config.platform.name,
      storageClass: profile.storageClass,
      kubernetesApiCidrs: profile.kubernetesApiCidrs,
      tenants: limits,
    });
  } else {
    for (const m of toOperatorMonitoring({ platformName: config.platform.name, tenants: limits }))
      kubeObject(monitoring, `${m.kind}-${m.metadata?.name}`, m);
  }
  files.push({ name: '30-monitoring.yaml', chart: monitoring });
  for (const tenant of config.tenants) {
    const spec = resolveTenant(config.platform, profile, tenant);
    new TenantNamespace(namespaces, tenant.name, spec);
    const chart = newChart(`tenant-${tenant.name}`);
    new Tenant(chart, 'tenant', spec);
    files.push({ name: tenantFileName(tenant.name), chart });
  }
  const collected = files.map(({ name, chart }) => ({ name, documents: collectManifests(chart) }));
  // Config reaches running pods (checksums), and Jobs are new Jobs when their inputs change (content names).
  const tenants = config.tenants.map((t) => t.name);
  return nameJobsByContent(addConfigChecksums(collected, externalSecrets(tenants)));
}
