/** Anything with a scorer to free: the served model. */
interface Disposable {
  readonly scorer: { dispose(): void };
}

/**
 * Reference counts of the models requests are using: a model replaced by a new version is disposed only when
 * the last request that leased it is done (a queued batch keeps its version to the end).
 */
export class ModelLeases<M extends Disposable> {
  private readonly counts = new Map<M, number>();
  private readonly retired = new Set<M>();

  /** Takes a lease on `model` (if any) and returns it. */
  acquire(model: M | undefined): M | undefined {
    if (model) this.counts.set(model, (this.counts.get(model) ?? 0) + 1);
    return model;
  }

  /** Ends a lease; a retired model is disposed when its last lease ends. */
  release(model: M): void {
    const left = (this.counts.get(model) ?? 1) - 1;
    if (left > 0) {
      this.counts.set(model, left);
      return;
    }
    this.counts.delete(model);
    if (this.retired.delete(model)) model.scorer.dispose();
  }

  /** Marks a replaced model for disposal: now if unleased, else when its last lease ends. */
  retire(model: M): void {
    if (this.counts.has(model)) this.retired.add(model);
    else model.scorer.dispose();
  }
}
