import { createServer } from 'node:http';
import { connect } from 'node:net';
import { TYPED_ARRAY_RUNTIME } from '@mlops/shared';
import { createMetrics } from '../src/metrics/create-metrics.js';
import { applyServerLimits, SERVER_TIMEOUTS, serverOptions } from '../src/server-limits.js';

describe('server limits', () => {
  it('orders the timeouts keep-alive < headers < request, and keep-alive outlasts a 60 s proxy idle timeout', () => {
    const { keepAliveTimeoutMs, headersTimeoutMs, requestTimeoutMs } = SERVER_TIMEOUTS;
    expect(keepAliveTimeoutMs).toBeGreaterThan(60_000);
    expect(headersTimeoutMs).toBeGreaterThan(keepAliveTimeoutMs);
    expect(requestTimeoutMs).toBeGreaterThan(headersTimeoutMs);
    const server = createServer(serverOptions()); // node:http refuses headersTimeout > requestTimeout
    expect(server.headersTimeout).toBe(headersTimeoutMs);
    server.close();
  });

  it('refuses connections beyond MAX_CONNECTIONS at once and counts them as shed', async () => {
    const metrics = createMetrics('t', TYPED_ARRAY_RUNTIME);
    const server = createServer((_req, res) => res.end('ok'));
    applyServerLimits(server, { maxConnections: 2 }, metrics);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const open = (n: number) =>
      Array.from({ length: n }, () => {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => {});
        return new Promise<boolean>((resolve) => {
          socket.once('close', () => resolve(true));
          setTimeout(() => resolve(false), 500);
        }).finally(() => socket.destroy());
      });
    const closed = await Promise.all(open(5));
    expect(closed.filter(Boolean).length).toBe(3);
    expect(await metrics.registry.getSingleMetricAsString('mlops_http_requests_shed_total')).toContain(
      'mlops_http_requests_shed_total{reason="connections",tenant="t"} 3',
    );
    server.close();
  });
});
