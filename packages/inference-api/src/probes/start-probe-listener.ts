import type { ApiConfig } from '../config/load-config.js';
import type { Lifecycle } from '../http/lifecycle.js';
import type { ModelHolder } from '../model/model-holder.js';
import { createProbeState, writeLifecycle } from './probe-state.js';
import { startHeartbeat } from './start-heartbeat.js';
import { type ProbeWorkerOptions, startProbeWorker } from './start-probe-worker.js';

/** The probe listener as the server entry drives it. */
export interface ProbeListener {
  readonly port: number;
  /** Turns the probe port's /ready to 503 at once (SIGTERM), before the next heartbeat. */
  markDraining(): void;
  /** Stops the heartbeat and the worker. */
  close(): Promise<void>;
}

/**
 * Starts the probe worker on PROBE_PORT and the main-loop heartbeat that feeds it: /health and /ready then
 * answer from another thread however busy the main loop is, and still fail when it is wedged (see decideProbe).
 */
export async function startProbeListener(
  config: Pick<ApiConfig, 'host' | 'probePort'>,
  service: { readonly models: Pick<ModelHolder, 'current' | 'notReadyReason'>; readonly lifecycle: Lifecycle },
  onError?: ProbeWorkerOptions['onError'],
): Promise<ProbeListener> {
  const { models, lifecycle } = service;
  const buffer = createProbeState();
  const worker = await startProbeWorker({
    buffer,
    host: config.host,
    port: config.probePort,
    ...(onError ? { onError } : {}),
  });
  const stop = startHeartbeat(
    buffer,
    () => {
      const reason = models.notReadyReason;
      return {
        lifecycle: lifecycle.shuttingDown ? 'draining' : reason ? 'starting' : 'ready',
        ...(models.current ? { modelVersion: models.current.version } : {}),
        ...(reason ? { reason } : {}),
      };
    },
    worker.publish,
  );
  return {
    port: worker.port,
    markDraining: () => writeLifecycle(buffer, 'draining'),
    close: async () => {
      stop();
      await worker.close();
    },
  };
}
