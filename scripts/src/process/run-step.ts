/** Where progress lines go. */
export interface ProgressLog {
  readonly log: (line: string) => void;
}

/** Runs one named step with progress and its duration; a failure names the step and keeps the error. */
export async function runStep<T>(ctx: ProgressLog, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  ctx.log(`▶ ${name}`);
  try {
    const result = await work();
    ctx.log(`✔ ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    ctx.log(`✖ ${name} failed after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    throw error;
  }
}
