import type { Server } from 'node:http';
import type { ApiConfig } from './config/load-config.js';
import type { ApiMetrics } from './metrics/create-metrics.js';

/**
 * Socket timeouts, ordered keep-alive < headers < request. The idle keep-alive timeout is longer than the
 * 60 s idle timeout of common proxies and clients, so the client side closes an idle connection first and
 * the server never closes one a request was already sent on; a request then has headersTimeout to send its
 * headers and requestTimeout to send all of it.
 */
export const SERVER_TIMEOUTS = {
  keepAliveTimeoutMs: 65_000,
  headersTimeoutMs: 66_000,
  requestTimeoutMs: 120_000,
} as const;

/** The node:http server options for {@link SERVER_TIMEOUTS}. */
export function serverOptions(): { requestTimeout: number; headersTimeout: number; keepAliveTimeout: number } {
  return {
    requestTimeout: SERVER_TIMEOUTS.requestTimeoutMs,
    headersTimeout: SERVER_TIMEOUTS.headersTimeoutMs,
    keepAliveTimeout: SERVER_TIMEOUTS.keepAliveTimeoutMs,
  };
}

/**
 * Caps open connections (beyond MAX_CONNECTIONS the kernel-accepted socket is closed at once and counted as
 * shed, reason "connections"), sets the timeouts, and answers CONNECT with 405 instead of dropping the socket.
 */
export function applyServerLimits(
  server: Server,
  config: Pick<ApiConfig, 'maxConnections'>,
  metrics: ApiMetrics,
): void {
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeoutMs;
  server.headersTimeout = SERVER_TIMEOUTS.headersTimeoutMs;
  server.requestTimeout = SERVER_TIMEOUTS.requestTimeoutMs;
  server.maxConnections = config.maxConnections;
  server.on('drop', () => metrics.requestsShed.inc({ reason: 'connections' }));
  server.on('connect', (_req, socket) => {
    const body = '{"error":{"code":"METHOD_NOT_ALLOWED","message":"CONNECT is not supported; this is not a proxy"}}';
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
