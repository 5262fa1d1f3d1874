import { formatSample, type HpaSample } from './hpa-sample.js';
import type { SustainedLoad } from './sustained-load.js';

/** What `pnpm loadtest:hpa` saw. */
export interface AutoscalingResult {
  readonly scaledOutAfterSeconds?: number;
  readonly peakReplicas: number;
  readonly scaledInAfterSeconds?: number;
  readonly timeline: ReadonlyArray<{ readonly seconds: number; readonly phase: string; readonly sample: HpaSample }>;
  readonly load: { requests: number; non2xx: number; errors: number };
}

/** The moving parts, passed in so the timing logic is testable without a cluster. */
export interface WatchOptions {
  readonly read: () => Promise<HpaSample>;
  readonly startLoad: () => SustainedLoad;
  readonly intervalMs: number;
  readonly scaleOutTimeoutMs: number;
  readonly scaleInTimeoutMs: number;
  /** Keep the load on this long after the first scale-out, to see how far it goes. @default 0 */
  readonly holdMs?: number;
  readonly log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The reference's autoscaling test, observed: sustained load until the HPA adds replicas (the policy scales up at
 * once), then no load until it is back at its minimum (after the 5-minute stabilization window), printing the
 * replica count and CPU at every sample.
 */
export async function watchAutoscaling(options: WatchOptions): Promise<AutoscalingResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const timeline: Array<{ seconds: number; phase: string; sample: HpaSample }> = [];
  const sample = async (phase: string) => {
    const s = await options.read();
    timeline.push({ seconds: seconds(), phase, sample: s });
    options.log(formatSample(seconds(), s, phase));
    return s;
  };
  const baseline = await sample('idle');
  let peak = baseline.current;
  let scaledOutAt: number | undefined;
  const load = options.startLoad();
  let sent: AutoscalingResult['load'];
  try {
    const deadline = performance.now() + options.scaleOutTimeoutMs;
    while (performance.now() < deadline) {
      await sleep(options.intervalMs);
      const s = await sample('load');
      peak = Math.max(peak, s.current);
      if (scaledOutAt === undefined && s.current > baseline.min) {
        scaledOutAt = seconds();
        if (!options.holdMs) break;
      }
      if (scaledOutAt !== undefined && seconds() - scaledOutAt >= (options.holdMs ?? 0) / 1000) break;
    }
  } finally {
    sent = await load.stop();
  }
  let scaledInAt: number | undefined;
  if (scaledOutAt !== undefined) {
    const loadStoppedAt = seconds();
    const deadline = performance.now() + options.scaleInTimeoutMs;
    while (performance.now() < deadline) {
      await sleep(options.intervalMs);
      const s = await sample('cooldown');
      if (s.current <= baseline.min) {
        scaledInAt = seconds() - loadStoppedAt;
        break;
      }
    }
  }
  return {
    ...(scaledOutAt === undefined ? {} : { scaledOutAfterSeconds: scaledOutAt }),
    peakReplicas: peak,
    ...(scaledInAt === undefined ? {} : { scaledInAfterSeconds: scaledInAt }),
    timeline,
    load: sent,
  };
}
