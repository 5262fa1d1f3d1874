import { connect } from 'node:net';
import { execa } from 'execa';

/** A local port forwarded to a Service in the cluster. */
export interface PortForward {
  readonly url: string;
  readonly port: number;
}

async function waitForPort(port: number, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`kubectl port-forward to ${what} did not open 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/**
 * Runs `work` while `kubectl --context <context> -n <namespace> port-forward svc/<service> <local>:<remotePort>` is up, and stops the
 * forward afterwards, whatever happened. The forward itself is killed after `maxMs`.
 */
export async function withPortForward<T>(
  context: string | undefined,
  namespace: string,
  service: string,
  remotePort: number,
  work: (forward: PortForward) => Promise<T>,
  maxMs = 30 * 60_000,
): Promise<T> {
  const port = 19000 + Math.floor(Math.random() * 1000);
  const forward = execa(
    'kubectl',
    [
      ...(context ? ['--context', context] : []),
      '-n',
      namespace,
      'port-forward',
      `svc/${service}`,
      `${port}:${remotePort}`,
    ],
    {
      timeout: maxMs,
      reject: false,
    },
  );
  try {
    await waitForPort(port, 30_000, `${namespace}/${service}`);
    return await work({ url: `http://127.0.0.1:${port}`, port });
  } finally {
    forward.kill();
  }
}
