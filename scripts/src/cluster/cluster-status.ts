import { API_PORT, apiDeploymentName } from '@mlops/shared/contract';
import { runCommand } from '../process/run-command.js';
import { kubectl } from './kubectl.js';

/** One row of `pnpm cluster status`. */
export interface TenantStatus {
  readonly tenant: string;
  readonly ready: string;
  readonly hpa: string;
  readonly modelVersion: string;
}

const TIMEOUT = 30_000;

/** Reads a tenant's Deployment, HPA and served model version; a missing piece shows as "-", never aborts the table. */
export async function tenantStatus(tenant: string, kubeContext: string): Promise<TenantStatus> {
  const name = apiDeploymentName(tenant);
  const read = async (args: string[]) =>
    kubectl(kubeContext, ['-n', tenant, ...args], { timeoutMs: TIMEOUT }).then(
      (r) => r.stdout.trim(),
      () => '',
    );
  const deployment = JSON.parse((await read(['get', 'deployment', name, '-o', 'json'])) || '{}') as {
    status?: { readyReplicas?: number; replicas?: number };
  };
  const hpa = JSON.parse((await read(['get', 'hpa', `${name}-hpa`, '-o', 'json'])) || '{}') as {
    spec?: { maxReplicas?: number };
    status?: { currentReplicas?: number; desiredReplicas?: number };
  };
  const info = await read([
    'exec',
    `deployment/${name}`,
    '--',
    'node',
    '-e',
    `fetch('http://127.0.0.1:${API_PORT}/').then((r) => r.json()).then((j) => console.log(j.model.version ?? '-'))`,
  ]);
  return {
    tenant,
    ready: deployment.status ? `${deployment.status.readyReplicas ?? 0}/${deployment.status.replicas ?? 0}` : '-',
    hpa: hpa.status
      ? `${hpa.status.currentReplicas ?? 0}/${hpa.status.desiredReplicas ?? 0} (max ${hpa.spec?.maxReplicas ?? '?'})`
      : '-',
    modelVersion: info || '-',
  };
}

/** Renders the rows as an aligned text table. */
export function formatStatus(rows: readonly TenantStatus[]): string {
  const header = ['TENANT', 'READY', 'HPA CURRENT/DESIRED', 'MODEL VERSION'];
  const cells = [header, ...rows.map((r) => [r.tenant, r.ready, r.hpa, r.modelVersion])];
  const widths = header.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? '').length)));
  return cells
    .map((c) =>
      c
        .map((v, i) => v.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Refuses to report on a cluster that is not there: `kind get clusters` must list it. */
export async function assertClusterExists(clusterName: string): Promise<void> {
  const { stdout } = await runCommand('kind', ['get', 'clusters'], { timeoutMs: TIMEOUT });
  if (!stdout.split('\n').includes(clusterName))
    throw new Error(`there is no kind cluster "${clusterName}" (kind get clusters); create it with pnpm cluster up`);
}
