import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** How long a keep-alive connection must have been idle before a drain closes it. */
const IDLE_BEFORE_CLOSE_MS = 1000;

/**
 * Tracks each connection's requests so that a drain can close the listener without resetting a request that
 * is already on its way. `http.Server.close()` closes every idle keep-alive connection at once, including one
 * whose next request is in the kernel's buffer but not parsed yet: the client gets a reset. Here the listener
 * closes, busy connections finish (their responses carry Connection: close), and a connection is closed only
 * once it has been idle for a second. Returns drain(), which resolves when every connection has closed.
 */
export function trackConnections(server: Server): () => Promise<void> {
  const state = new Map<Socket, { busy: number; idleSince: number }>();
  server.on('connection', (socket: Socket) => {
    state.set(socket, { busy: 0, idleSince: Date.now() });
    socket.once('close', () => state.delete(socket));
  });
  server.on('request', (req, res) => {
    const entry = state.get(req.socket);
    if (!entry) return;
    entry.busy++;
    res.once('close', () => {
      entry.busy--;
      entry.idleSince = Date.now();
    });
  });
  return () =>
    new Promise<void>((resolve) => {
      const sweep = setInterval(() => {
        const now = Date.now();
        for (const [socket, entry] of state)
          if (entry.busy === 0 && now - entry.idleSince >= IDLE_BEFORE_CLOSE_MS) socket.end();
      }, 100);
      // net.Server's close: stop accepting, call back once every connection has ended (no idle-connection reset).
      NetServer.prototype.close.call(server, () => {
        clearInterval(sweep);
        resolve();
      });
    });
}
