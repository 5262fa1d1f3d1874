import { MANAGED_BY } from '../platform-constants.js';

/** Recommended labels of a platform add-on's objects; `name` doubles as the pod selector. */
export function addonLabels(name: string, component: string, partOf: string, version?: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': partOf,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    ...(version ? { 'app.kubernetes.io/version': version } : {}),
  };
}

/** The immutable selector of an add-on's pods. */
export function addonSelector(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
}
