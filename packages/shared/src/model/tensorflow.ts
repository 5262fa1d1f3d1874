import * as tf from './tf.js';

/** Which TensorFlow.js backend runs: `tensorflow` (native libtensorflow via tfjs-node) or `cpu` (pure JS). */
export interface TensorFlowRuntime {
  readonly tf: typeof tf;
  readonly backend: string;
  /** Why the native backend is not used, when it is not. */
  readonly fallbackReason?: string;
}

let runtime: Promise<TensorFlowRuntime> | undefined;

/**
 * Loads TensorFlow.js once per process: the native backend when `@tensorflow/tfjs-node` is installed and
 * loads (the Docker images), else the pure-JS cpu backend (hosts where its native download is impossible).
 */
export function loadTensorFlow(): Promise<TensorFlowRuntime> {
  runtime ??= (async () => {
    let fallbackReason: string | undefined;
    try {
      await import('@tensorflow/tfjs-node');
    } catch (error) {
      const first = (error as Error).message.split('\n')[0] ?? '';
      // The usual case: its install-time download of libtensorflow failed or was skipped. Say so in one line.
      fallbackReason = first.includes('tfjs_binding.node')
        ? 'native tfjs-node binary not installed (its download at install failed; harmless): pure-JS backend, same results, slower; see docs/model.md'
        : `@tensorflow/tfjs-node did not load (${first})`;
    }
    if (fallbackReason || !(await tf.setBackend('tensorflow'))) await tf.setBackend('cpu');
    await tf.ready();
    // Production mode: no per-op debug checks, and no console nag about the native backend.
    tf.enableProdMode();
    return { tf, backend: tf.getBackend(), ...(fallbackReason ? { fallbackReason } : {}) };
  })();
  return runtime;
}
