/** Settings of a {@link SojournShedder}. */
export interface SojournShedderOptions {
  /** Sojourn (queue wait) that is acceptable; 0 turns sojourn shedding off. */
  readonly targetMs: number;
  /** How long every measured sojourn must stay at or above the target before shedding starts. */
  readonly intervalMs: number;
}

/**
 * CoDel's rule applied at admission: it watches how long queued work actually waited before scoring began (its
 * sojourn). When the minimum sojourn over a whole interval stays at or above the target, the queue is standing
 * (it no longer drains between arrivals) and new arrivals are shed until a sojourn below the target is measured
 * or the queue empties. A slow queue that keeps up empties or sees a short wait within every interval, so it is
 * never shed; one delayed slice (a CPU-throttled period) is shorter than the interval, so it is not either.
 */
export class SojournShedder {
  private firstAboveAt: number | undefined;
  private dropping = false;

  constructor(private readonly options: SojournShedderOptions) {}

  /** Whether new arrivals are shed now. */
  get shedding(): boolean {
    return this.dropping;
  }

  /** Records the sojourn of work that has just started scoring, measured at `nowMs`. */
  observe(sojournMs: number, nowMs: number): void {
    if (this.options.targetMs <= 0) return;
    if (sojournMs < this.options.targetMs) {
      this.idle();
      return;
    }
    this.firstAboveAt ??= nowMs;
    if (nowMs - this.firstAboveAt >= this.options.intervalMs) this.dropping = true;
  }

  /** The queue is empty: nothing is standing, so shedding stops and the interval starts over. */
  idle(): void {
    this.firstAboveAt = undefined;
    this.dropping = false;
  }
}
