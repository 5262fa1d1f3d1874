import type { ScoringRuntime } from './scoring-runtime.js';
import type * as tf from './tf.js';

/** Which TensorFlow.js backend runs: `tensorflow` (native libtensorflow via tfjs-node) or `cpu` (pure JS). */
export interface TensorFlowRuntime extends ScoringRuntime {
  readonly tf: typeof tf;
}

let runtime: Promise<TensorFlowRuntime> | undefined;

/**
 * Loads TensorFlow.js once per process (training only; the API never calls this): the native backend when
 * `@tensorflow/tfjs-node` is installed and loads (the trainer image), else the pure-JS cpu backend (hosts where
 * its native download is impossible). Imported lazily, so that importing `@mlops/shared` does not load tfjs.
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
    const tfjs = await import('./tf.js');
    if (fallbackReason || !(await tfjs.setBackend('tensorflow'))) await tfjs.setBackend('cpu');
    await tfjs.ready();
    // Production mode: no per-op debug checks, and no console nag about the native backend.
    tfjs.enableProdMode();
    return {
      tf: tfjs,
      backend: tfjs.getBackend(),
      version: tfjs.version_core,
      memory: () => tfjs.memory(),
      ...(fallbackReason ? { fallbackReason } : {}),
    };
  })();
  return runtime;
}
