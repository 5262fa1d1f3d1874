import type { ServerResponse } from 'node:http';

/**
 * Whether the service is draining for shutdown, given to the app factory (never carried on the response). Once
 * draining starts, every response not yet sent (in flight or arriving) carries Connection: close, so keep-alive
 * clients reconnect, to another replica.
 */
export class Lifecycle {
  private draining = false;
  private readonly open = new Set<ServerResponse>();

  /** True from {@link startDraining} on: readiness answers 503. */
  get shuttingDown(): boolean {
    return this.draining;
  }

  /** Starts draining (the server entry calls it on SIGTERM/SIGINT). */
  startDraining(): void {
    this.draining = true;
    for (const res of this.open) if (!res.headersSent) res.setHeader('Connection', 'close');
    this.open.clear();
  }

  /**
   * Follows one response until {@link untrack} (the request context calls both, from its one `close` listener),
   * so that a drain starting meanwhile still marks it.
   */
  track(res: ServerResponse): void {
    if (this.draining) {
      res.setHeader('Connection', 'close');
      return;
    }
    this.open.add(res);
  }

  /** Stops following a response that closed. */
  untrack(res: ServerResponse): void {
    this.open.delete(res);
  }
}
