/** Requests in flight on this replica, at most `max`: acquire() before serving, the release it returns after. */
export class ConcurrencyCap {
  private inFlight = 0;

  constructor(readonly max: number) {}

  /** Requests holding a slot now. */
  get current(): number {
    return this.inFlight;
  }

  /** A release function (idempotent) when a slot was free, else undefined. */
  acquire(): (() => void) | undefined {
    if (this.inFlight >= this.max) return undefined;
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
    };
  }
}
