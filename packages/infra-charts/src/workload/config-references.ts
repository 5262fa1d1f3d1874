import type { Manifest } from '../manifest/manifest.js';

/** A ConfigMap or Secret a pod template reads: which object, which keys (undefined: all of them), optional or not. */
export interface ConfigReference {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  readonly keys: readonly string[] | undefined;
  readonly optional: boolean;
}

type Obj = Record<string, unknown>;
const asObj = (x: unknown): Obj | undefined => (x && typeof x === 'object' ? (x as Obj) : undefined);
const asArray = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);
const itemKeys = (items: unknown) => (Array.isArray(items) ? asArray(items).map((i) => String(i.key)) : undefined);

/** The pod template of a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob); undefined otherwise. */
export function podTemplateOf(m: Manifest): Obj | undefined {
  const spec = asObj(m.spec);
  switch (m.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return asObj(spec?.template);
    case 'CronJob':
      return asObj(asObj(asObj(spec?.jobTemplate)?.spec)?.template);
    default:
      return undefined;
  }
}

/** Every ConfigMap/Secret reference of a pod template: env, envFrom, volumes and projected volumes, init containers too. */
export function configReferences(template: Obj): ConfigReference[] {
  const spec = asObj(template.spec) ?? {};
  const refs: ConfigReference[] = [];
  const add = (kind: ConfigReference['kind'], ref: Obj | undefined, keys: readonly string[] | undefined) => {
    if (ref) refs.push({ kind, name: String(ref.name ?? ref.secretName), keys, optional: ref.optional === true });
  };
  for (const c of [...asArray(spec.initContainers), ...asArray(spec.containers)]) {
    for (const e of asArray(c.env)) {
      const from = asObj(e.valueFrom);
      const cm = asObj(from?.configMapKeyRef);
      const secret = asObj(from?.secretKeyRef);
      add('ConfigMap', cm, cm ? [String(cm.key)] : undefined);
      add('Secret', secret, secret ? [String(secret.key)] : undefined);
    }
    for (const e of asArray(c.envFrom)) {
      add('ConfigMap', asObj(e.configMapRef), undefined);
      add('Secret', asObj(e.secretRef), undefined);
    }
  }
  for (const v of asArray(spec.volumes)) {
    const cm = asObj(v.configMap);
    const secret = asObj(v.secret);
    add('ConfigMap', cm, itemKeys(cm?.items));
    add('Secret', secret, itemKeys(secret?.items));
    for (const s of asArray(asObj(v.projected)?.sources)) {
      const pcm = asObj(s.configMap);
      const psecret = asObj(s.secret);
      add('ConfigMap', pcm, itemKeys(pcm?.items));
      add('Secret', psecret, itemKeys(psecret?.items));
    }
  }
  return refs;
}

/** The data of a ConfigMap or Secret (data, binaryData, stringData), or only the given keys of it. */
export function configData(m: Manifest, keys: readonly string[] | undefined): Record<string, string> {
  const all: Record<string, string> = {
    ...(asObj(m.data) as Record<string, string> | undefined),
    ...(asObj(m.binaryData) as Record<string, string> | undefined),
    ...(asObj(m.stringData) as Record<string, string> | undefined),
  };
  if (!keys) return all;
  return Object.fromEntries(keys.filter((k) => k in all).map((k) => [k, all[k] as string]));
}
