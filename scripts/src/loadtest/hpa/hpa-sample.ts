import { runCommand } from '../../process/run-command.js';

/** One reading of a HorizontalPodAutoscaler. */
export interface HpaSample {
  readonly current: number;
  readonly desired: number;
  readonly min: number;
  readonly max: number;
  /** Average CPU utilization in percent of requests, when metrics-server has reported it. */
  readonly cpu?: number;
  readonly target?: number;
}

interface HpaJson {
  spec?: {
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: Array<{ resource?: { target?: { averageUtilization?: number } } }>;
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    currentMetrics?: Array<{ resource?: { name?: string; current?: { averageUtilization?: number } } }> | null;
  };
}

/** Reads replicas and CPU from `kubectl get hpa -o json` output (autoscaling/v2). */
export function toHpaSample(json: string): HpaSample {
  const hpa = JSON.parse(json) as HpaJson;
  const cpu = hpa.status?.currentMetrics?.find((m) => m.resource?.name === 'cpu')?.resource?.current
    ?.averageUtilization;
  const target = hpa.spec?.metrics?.[0]?.resource?.target?.averageUtilization;
  return {
    current: hpa.status?.currentReplicas ?? 0,
    desired: hpa.status?.desiredReplicas ?? 0,
    min: hpa.spec?.minReplicas ?? 1,
    max: hpa.spec?.maxReplicas ?? 0,
    ...(cpu === undefined ? {} : { cpu }),
    ...(target === undefined ? {} : { target }),
  };
}

/** `kubectl -n <namespace> get hpa <name> -o json`, read. */
export async function readHpa(namespace: string, name: string): Promise<HpaSample> {
  const { stdout } = await runCommand('kubectl', ['-n', namespace, 'get', 'hpa', name, '-o', 'json'], {
    timeoutMs: 30_000,
  });
  return toHpaSample(stdout);
}

/** `t+35s  replicas 2 -> 4 (max 10)  cpu 180% / 50%` */
export function formatSample(seconds: number, sample: HpaSample, phase: string): string {
  const cpu = sample.cpu === undefined ? 'cpu n/a' : `cpu ${sample.cpu}%${sample.target ? ` / ${sample.target}%` : ''}`;
  return `t+${String(Math.round(seconds)).padStart(4)}s  ${phase.padEnd(8)} replicas ${sample.current} -> ${sample.desired} (max ${sample.max})  ${cpu}`;
}
