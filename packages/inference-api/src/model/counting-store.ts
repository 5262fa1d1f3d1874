import { LATEST, type ModelStore } from '@mlops/shared';
import type { ApiMetrics } from '../metrics/create-metrics.js';

/**
 * Wraps a store so that every failed object read and listing is counted in mlops_model_store_errors_total
 * (LATEST is counted by the holder, which also counts a LATEST that holds no version).
 */
export function countingStore(store: ModelStore, metrics: Pick<ApiMetrics, 'storeErrors'>): ModelStore {
  const counted = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      metrics.storeErrors.inc({ operation });
      throw error;
    }
  };
  return {
    location: store.location,
    read: (key) => (key.endsWith(`/${LATEST}`) ? store.read(key) : counted('read', () => store.read(key))),
    write: (key, data) => store.write(key, data),
    exists: (key) => counted('read', () => store.exists(key)),
    list: (prefix) => counted('list', () => store.list(prefix)),
  };
}
