import { createServer, type Server } from 'node:http';
import type { ScoringRuntime } from '@mlops/shared';
import type { ApiConfig } from './config/load-config.js';
import { createService, type Service } from './create-service.js';
import { trackConnections } from './drain-connections.js';
import { type ProbeListener, startProbeListener } from './probes/start-probe-listener.js';
import { applyServerLimits, serverOptions } from './server-limits.js';

/** A listening service and how to stop it. */
export interface RunningServer {
  readonly service: Service;
  readonly server: Server;
  readonly url: string;
  /** The probe listener (PROBE_PORT > 0), answering /health and /ready from its own thread. */
  readonly probes?: ProbeListener;
  /**
   * Drains in-flight requests (readiness 503, no new connections) and resolves true if all finished in time.
   * SIGTERM waits SHUTDOWN_DELAY_MS first (endpoints update meanwhile); SIGINT (Ctrl+C) and other callers do not.
   */
  shutdown(signal: string): Promise<boolean>;
}

/**
 * Listens (and, with PROBE_PORT, starts the probe worker alongside) and starts loading the model in the
 * background (/ready is 503 until it is loaded). Rejects if either listener cannot bind.
 * Only entry points call this; the app factory never listens.
 */
export async function runServer(config: ApiConfig, runtime: ScoringRuntime): Promise<RunningServer> {
  const service = createService(config, runtime);
  const { logger, models, lifecycle } = service;
  logger.info(
    { backend: runtime.backend, version: runtime.version, fallback: runtime.fallbackReason },
    'scoring runtime ready',
  );
  const server = createServer(serverOptions(), service.app);
  applyServerLimits(server, config, service.metrics);
  const drain = trackConnections(server);
  // The probe worker starts in parallel: it delays neither listening nor the model load.
  const probing =
    config.probePort > 0
      ? startProbeListener(config, service, (error) => logger.error({ err: error }, 'probe listener failed'))
      : undefined;
  probing?.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, resolve);
    });
  } catch (error) {
    await probing?.then((p) => p.close()).catch(() => {});
    throw error;
  }
  logger.info({ host: config.host, port: config.port, modelUri: config.modelUri }, 'listening');
  void models.start().then(() => models.startPolling(config.modelPollIntervalSeconds));
  let probes: ProbeListener | undefined;
  try {
    probes = await probing;
  } catch (error) {
    models.stop();
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  if (probes) logger.info({ host: config.host, probePort: probes.port }, 'probe listener on its own thread');
  let draining: Promise<boolean> | undefined;
  const shutdown = (signal: string) => {
    draining ??= new Promise<boolean>((resolve) => {
      lifecycle.startDraining();
      probes?.markDraining();
      const delayMs = signal === 'SIGTERM' ? config.shutdownDelayMs : 0;
      logger.info(
        { signal, delayMs, graceMs: config.shutdownGraceMs },
        'shutting down: /ready answers 503; serving on while endpoints update, then draining in-flight requests',
      );
      setTimeout(() => {
        const force = setTimeout(() => {
          logger.error('grace period over with requests still in flight');
          server.closeAllConnections();
          void (probes?.close() ?? Promise.resolve()).then(() => resolve(false));
        }, config.shutdownGraceMs);
        void drain().then(async () => {
          clearTimeout(force);
          models.stop();
          await probes?.close();
          logger.info('drained');
          resolve(true);
        });
      }, delayMs);
    });
    return draining;
  };
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return { service, server, url: `http://${host}:${config.port}`, ...(probes ? { probes } : {}), shutdown };
}

/** Exits 0 after a clean drain on SIGTERM/SIGINT, 1 when the grace period ran out. */
export function exitOnSignals(running: RunningServer): void {
  const onSignal = (signal: string) => {
    void running.shutdown(signal).then((clean) => process.exit(clean ? 0 : 1));
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}
