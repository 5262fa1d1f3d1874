import { describeManifest, type Manifest, type ManifestFile } from '../manifest/manifest.js';
import { diffIsolation } from '../verify/diff-isolation.js';
import { configReferences, podTemplateOf } from '../workload/config-references.js';
import { JOB_BASE_NAME_LABEL } from '../workload/name-jobs-by-content.js';
import { changedPaths } from './changed-paths.js';
import { immutableChanges } from './immutable-fields.js';
import { objectKey, tenantOf } from './object-key.js';
import { indexConfig, rollReasons } from './roll-reasons.js';

/** What applying does to one object: kubectl apply creates, patches (rolling pods or not), cannot patch, or prunes. */
export type PlanAction = 'create' | 'update' | 'roll' | 'replace' | 'delete';

/** One object's planned change. */
export interface PlannedChange {
  readonly action: PlanAction;
  readonly object: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly file: string;
  readonly tenant?: string;
  readonly reasons: readonly string[];
}

/** The plan of one profile: per object changes, files, isolation changes, and whether an apply can do it all. */
export interface ProfilePlan {
  readonly profile: string;
  readonly changes: readonly PlannedChange[];
  readonly files: {
    readonly added: readonly string[];
    readonly changed: readonly string[];
    readonly removed: readonly string[];
  };
  readonly isolation: readonly string[];
  readonly problems: readonly string[];
  readonly appliable: boolean;
  /** The command that applies it (with label-based prune when something is deleted). */
  readonly applyCommand: string;
}

/** Kinds `kubectl apply --prune -l ...` deletes without --prune-allowlist (kubectl's default allowlist). */
export const DEFAULT_PRUNE_KINDS = new Set([
  'ConfigMap',
  'Endpoints',
  'Namespace',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Pod',
  'ReplicationController',
  'Secret',
  'Service',
  'Job',
  'CronJob',
  'Ingress',
  'DaemonSet',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
]);
const ORDER: readonly PlanAction[] = ['replace', 'delete', 'create', 'roll', 'update'];

type Located = { m: Manifest; file: string };
const locate = (files: readonly ManifestFile[]) =>
  new Map(files.flatMap((f) => f.documents.map((m) => [objectKey(m), { m, file: f.name }] as [string, Located])));

/** Compares two dist states of a profile, as kapp diff and terraform plan do, offline. */
export function planProfile(
  profile: string,
  before: readonly ManifestFile[],
  after: readonly ManifestFile[],
): ProfilePlan {
  const [was, now] = [locate(before), locate(after)];
  const [wasConfig, nowConfig] = [
    indexConfig([...was.values()].map((x) => x.m)),
    indexConfig([...now.values()].map((x) => x.m)),
  ];
  const deletedNamespaces = new Set(
    [...was.values()].filter((x) => x.m.kind === 'Namespace' && !now.has(objectKey(x.m))).map((x) => x.m.metadata.name),
  );
  const partOf = [...now.values(), ...was.values()]
    .map((x) => x.m.metadata.labels?.['app.kubernetes.io/part-of'])
    .find(Boolean);
  const changes: PlannedChange[] = [];
  const problems: string[] = [];
  const entry = (action: PlanAction, { m, file }: Located, reasons: string[]): PlannedChange => ({
    action,
    object: describeManifest(m),
    kind: m.kind,
    ...(m.metadata.namespace ? { namespace: m.metadata.namespace } : {}),
    name: m.metadata.name,
    file,
    ...(tenantOf(m) ? { tenant: tenantOf(m) } : {}),
    reasons,
  });
  for (const [key, cur] of now) {
    const old = was.get(key);
    if (!old) {
      changes.push(entry('create', cur, []));
      continue;
    }
    if (JSON.stringify(old.m) === JSON.stringify(cur.m)) continue;
    const immutable = immutableChanges(old.m, cur.m);
    if (immutable.length > 0) {
      changes.push(
        entry(
          'replace',
          cur,
          immutable.map((f) => `${f} is immutable`),
        ),
      );
      problems.push(
        `${describeManifest(cur.m)}: ${immutable.join(', ')} cannot change in place; kubectl apply fails. ` +
          `Delete it first (kubectl delete ${cur.m.kind.toLowerCase()} ${cur.m.metadata.namespace ? `-n ${cur.m.metadata.namespace} ` : ''}${cur.m.metadata.name}), then apply; see docs/day-2.md "When plan says replace"`,
      );
      continue;
    }
    const template = podTemplateOf(cur.m);
    const rolls =
      template && cur.m.kind !== 'CronJob' && JSON.stringify(podTemplateOf(old.m)) !== JSON.stringify(template);
    if (rolls) changes.push(entry('roll', cur, rollReasons(old.m, cur.m, wasConfig, nowConfig)));
    else changes.push(entry('update', cur, [...changedFields(old.m, cur.m), ...consumersOf(cur.m, now)]));
  }
  for (const [key, old] of was) {
    if (now.has(key)) continue;
    const ns = old.m.metadata.namespace;
    const base = old.m.kind === 'Job' ? old.m.metadata.labels?.[JOB_BASE_NAME_LABEL] : undefined;
    const successor = base
      ? [...now.values()].find(
          (x) => x.m.kind === 'Job' && x.m.metadata.labels?.[JOB_BASE_NAME_LABEL] === base && !was.has(objectKey(x.m)),
        )
      : undefined;
    const reason = successor
      ? `superseded by Job ${successor.m.metadata.name} (its inputs changed); needs prune (kubectl apply --prune -l app.kubernetes.io/part-of=${partOf})`
      : ns && deletedNamespaces.has(ns)
        ? `deleted with Namespace ${ns}`
        : DEFAULT_PRUNE_KINDS.has(old.m.kind)
          ? `needs prune (kubectl apply --prune -l app.kubernetes.io/part-of=${partOf})`
          : `needs prune with --prune-allowlist including ${old.m.kind}, or kubectl delete`;
    changes.push(entry('delete', old, [reason]));
  }
  changes.sort((x, y) => ORDER.indexOf(x.action) - ORDER.indexOf(y.action) || x.object.localeCompare(y.object));
  // Jobs by their base name: a content-named successor allows exactly what its predecessor did.
  const stable = (xs: Iterable<Located>) =>
    [...xs].map(({ m }) => {
      const base = m.kind === 'Job' ? m.metadata.labels?.[JOB_BASE_NAME_LABEL] : undefined;
      return base ? { ...m, metadata: { ...m.metadata, name: base } } : m;
    });
  const isolation = diffIsolation(stable(was.values()), stable(now.values()));
  const prune = changes.some((c) => c.action === 'delete') ? ` --prune -l app.kubernetes.io/part-of=${partOf}` : '';
  const applyCommand = `kubectl apply -k dist/${profile}/${prune}`;
  return {
    profile,
    changes,
    files: diffFiles(before, after),
    isolation,
    problems,
    appliable: problems.length === 0,
    applyCommand,
  };
}

function changedFields(a: Manifest, b: Manifest): string[] {
  const paths = changedPaths(a, b);
  return [paths.length > 5 ? `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more` : paths.join(', ')];
}

/** For a changed ConfigMap/Secret: the workloads that read it (they roll through their checksum). */
function consumersOf(m: Manifest, now: ReadonlyMap<string, Located>): string[] {
  if (m.kind !== 'ConfigMap' && m.kind !== 'Secret') return [];
  const readers = [...now.values()]
    .filter(({ m: w }) => w.metadata.namespace === m.metadata.namespace)
    .filter(({ m: w }) => {
      const t = podTemplateOf(w);
      return t && configReferences(t).some((r) => r.kind === m.kind && r.name === m.metadata.name);
    })
    .map(({ m: w }) => `${w.kind} ${w.metadata.name}`);
  return readers.length > 0 ? [`read by ${readers.join(', ')}`] : [];
}

function diffFiles(before: readonly ManifestFile[], after: readonly ManifestFile[]) {
  const text = (files: readonly ManifestFile[]) => new Map(files.map((f) => [f.name, JSON.stringify(f.documents)]));
  const [a, b] = [text(before), text(after)];
  return {
    added: [...b.keys()].filter((n) => !a.has(n)).sort(),
    changed: [...b.keys()].filter((n) => a.has(n) && a.get(n) !== b.get(n)).sort(),
    removed: [...a.keys()].filter((n) => !b.has(n)).sort(),
  };
}
