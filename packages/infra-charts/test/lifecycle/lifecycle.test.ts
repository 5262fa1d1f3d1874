import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_OUT_DIR as REPO_DIST } from '../../src/cli/repo-paths.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import { KUSTOMIZATION_FILE } from '../../src/manifest/dist-layout.js';
import type { Manifest } from '../../src/manifest/manifest.js';
import { type PlannedChange, planProfile } from '../../src/plan/plan-profile.js';
import { synthesize } from '../../src/synth/synthesize.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { readProfileDir } from '../../src/verify/read-profile-dir.js';
import { configData, configReferences, podTemplateOf } from '../../src/workload/config-references.js';
import { rawDefaultConfig } from '../fixtures.js';

type Raw = ReturnType<typeof rawDefaultConfig>;
const tenantC = { name: 'tenant-c', replicas: { min: 2, max: 4 }, model: { name: 'sentiment', version: 'latest' } };

/** A config sequence as a platform engineer lives it; each step edits the previous config. */
const STEPS: ReadonlyArray<{
  step: string;
  edit: (raw: Raw) => void;
  /** Workloads that must roll, among the tenant ones and the platform Jobs' consumers (others by the invariant). */
  rolls: string[];
  created: string[];
  deleted: string[];
  files: { added: string[]; changed: string[]; removed: string[] };
  /** Platform files that may change too, depending on how monitoring learns about tenants (discovery or lists). */
  mayChange?: string[];
}> = [
  {
    step: 'add tenant-c',
    edit: (raw) => raw.tenants.push({ ...tenantC }),
    rolls: [],
    created: ['Namespace tenant-c', 'Deployment tenant-c/tenant-c-ml-inference', 'Job minio/minio-provisioning-*'],
    deleted: ['Job minio/minio-provisioning-*'],
    files: {
      added: ['50-tenant-tenant-c.yaml'],
      changed: ['00-namespaces.yaml', '20-object-storage.yaml'],
      removed: [],
    },
    mayChange: ['30-monitoring.yaml'],
  },
  {
    step: "change tenant-c's resources",
    edit: (raw) => {
      const t = raw.tenants[2] as Record<string, unknown>;
      t.resources = { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } };
    },
    rolls: ['tenant-c/tenant-c-ml-inference'],
    created: [],
    deleted: [],
    files: { added: [], changed: ['50-tenant-tenant-c.yaml'], removed: [] },
    mayChange: ['30-monitoring.yaml'],
  },
  {
    step: "pin tenant-c's model",
    edit: (raw) => {
      (raw.tenants[2] as Record<string, unknown>).model = { name: 'sentiment', version: 'v20261127-0930' };
    },
    rolls: ['tenant-c/tenant-c-ml-inference'],
    created: [],
    deleted: [],
    files: { added: [], changed: ['50-tenant-tenant-c.yaml'], removed: [] },
  },
  {
    step: "change tenant-c's API log level",
    edit: (raw) => {
      (raw.tenants[2] as Record<string, unknown>).api = { logLevel: 'debug' };
    },
    rolls: ['tenant-c/tenant-c-ml-inference'],
    created: [],
    deleted: [],
    files: { added: [], changed: ['50-tenant-tenant-c.yaml'], removed: [] },
  },
  {
    step: 'remove tenant-c',
    edit: (raw) => {
      raw.tenants.pop();
    },
    rolls: [],
    created: ['Job minio/minio-provisioning-*'],
    deleted: ['Namespace tenant-c', 'Deployment tenant-c/tenant-c-ml-inference', 'Job minio/minio-provisioning-*'],
    files: {
      added: [],
      changed: ['00-namespaces.yaml', '20-object-storage.yaml'],
      removed: ['50-tenant-tenant-c.yaml'],
    },
    mayChange: ['30-monitoring.yaml'],
  },
];

const work = mkdtempSync(join(tmpdir(), 'lifecycle-'));
let n = 0;
/** Synthesizes a config with the real `pnpm synth` pipeline into `outDir` (one dist/ across steps, as in a repo). */
async function synthKind(raw: Raw, dir = join(work, `scratch-${n++}`)) {
  const configFile = join(work, `config-${n++}.json`);
  writeFileSync(configFile, JSON.stringify(raw));
  const [result] = await synthesize({ configFile, outDir: dir, profiles: ['kind'] });
  return { files: readProfileDir(join(dir, 'kind'), 'kind'), result };
}
const name = (c: PlannedChange) => `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
const wildcard = (s: string) => s.replace(/-[0-9a-f]{8}$/, '-*');

/** Workloads whose consumed, synthesized config data differs between two states: exactly these must roll. */
function consumersOfChangedConfig(before: Manifest[], after: Manifest[]): string[] {
  const index = (ms: Manifest[]) => new Map(ms.map((m) => [`${m.kind}/${m.metadata.namespace}/${m.metadata.name}`, m]));
  const [a, b] = [index(before), index(after)];
  return after.flatMap((w) => {
    const t = podTemplateOf(w);
    if (!t || w.kind === 'Job' || !a.has(`${w.kind}/${w.metadata.namespace}/${w.metadata.name}`)) return [];
    const changed = configReferences(t).some((r) => {
      const id = `${r.kind}/${w.metadata.namespace}/${r.name}`;
      const [x, y] = [a.get(id), b.get(id)];
      return x && y && JSON.stringify(configData(x, r.keys)) !== JSON.stringify(configData(y, r.keys));
    });
    return changed ? [`${w.metadata.namespace}/${w.metadata.name}`] : [];
  });
}

describe('day-2 lifecycle: initial -> add tenant -> resources -> pin model -> log level -> remove -> back', () => {
  const raw = rawDefaultConfig();
  let previous: Awaited<ReturnType<typeof synthKind>>;
  let initial: Awaited<ReturnType<typeof synthKind>>;
  beforeAll(async () => {
    initial = await synthKind(raw, join(work, 'dist'));
    previous = initial;
  });

  it.each(STEPS)(
    '$step: appliable, rolls exactly the consumers of changed config, touches only the expected files',
    async (s) => {
      s.edit(raw);
      const next = await synthKind(raw, join(work, 'dist'));
      const plan = planProfile('kind', previous.files, next.files);
      const docs = (x: typeof next) => x.files.flatMap((f) => f.documents);

      expect(plan.problems).toEqual([]);
      expect(plan.appliable).toBe(true);
      // Jobs never change in place: a Job whose inputs changed is a new Job, the old one is pruned.
      expect(plan.changes.filter((c) => c.kind === 'Job' && c.action !== 'create' && c.action !== 'delete')).toEqual(
        [],
      );

      const rolled = plan.changes.filter((c) => c.action === 'roll').map((c) => `${c.namespace}/${c.name}`);
      // Invariant: a workload rolls iff the config data it reads changed, or its own pod template did (resources).
      const mustRoll = consumersOfChangedConfig(docs(previous), docs(next));
      for (const w of mustRoll) expect(rolled).toContain(w);
      for (const w of rolled) expect([...mustRoll, ...s.rolls]).toContain(w);
      // Tenants other than the one edited never roll.
      expect(rolled.filter((w) => /^tenant-[ab]\//.test(w))).toEqual([]);
      expect(rolled.filter((w) => w.startsWith('tenant-'))).toEqual(s.rolls);

      const created = plan.changes.filter((c) => c.action === 'create').map((c) => wildcard(name(c)));
      const deleted = plan.changes.filter((c) => c.action === 'delete').map((c) => wildcard(name(c)));
      for (const c of s.created) expect(created).toContain(c);
      for (const d of s.deleted) expect(deleted).toContain(d);
      if (s.created.length === 0) expect(created).toEqual([]);
      if (s.deleted.length === 0) expect(deleted).toEqual([]);

      const optional = new Set(s.mayChange ?? []);
      expect({ ...plan.files, changed: plan.files.changed.filter((f) => !optional.has(f)) }).toEqual(s.files);
      // What synth tells the user matches: new files (to git add) and removed ones.
      expect(next.result?.added).toEqual(s.files.added);
      expect(next.result?.removed).toEqual(s.files.removed);
      previous = next;
    },
  );

  it('back where it started: the same objects as the initial state, nothing to apply', () => {
    const plan = planProfile('kind', initial.files, previous.files);
    expect(plan.changes).toEqual([]);
    expect(plan.isolation).toEqual([]);
  });
});

describe('pnpm plan refuses what kubectl apply cannot do', () => {
  type Edit = { kind: string; name: string; apply: (m: any) => void };
  it.each<{ what: string; edit: Edit; field: string }>([
    {
      what: 'a changed Deployment selector',
      edit: {
        kind: 'Deployment',
        name: 'tenant-a-ml-inference',
        apply: (m) => {
          m.spec.selector.matchLabels.extra = 'x';
        },
      },
      field: 'spec.selector',
    },
    {
      what: 'a changed Job template under the same name',
      edit: {
        kind: 'Job',
        name: 'minio-provisioning',
        apply: (m) => {
          m.spec.template.spec.restartPolicy = 'Never';
        },
      },
      field: 'spec.template',
    },
    {
      what: 'a changed RoleBinding roleRef',
      edit: {
        kind: 'RoleBinding',
        name: 'tenant-b-ml-inference-reader-binding',
        apply: (m) => {
          m.roleRef.name = 'admin';
        },
      },
      field: 'roleRef',
    },
    {
      what: "a PVC's access modes",
      edit: {
        kind: 'PersistentVolumeClaim',
        name: 'minio-data',
        apply: (m) => {
          m.spec.accessModes = ['ReadWriteMany'];
        },
      },
      field: 'spec.accessModes',
    },
  ])('$what: "replace", not appliable', async ({ edit, field }) => {
    const { files } = await synthKind(rawDefaultConfig());
    const changed = files.map((f) => ({
      ...f,
      documents: f.documents.map((m) => {
        const c = structuredClone(m);
        if (c.kind === edit.kind && c.metadata.name.startsWith(edit.name)) edit.apply(c);
        return c;
      }),
    }));
    const plan = planProfile('kind', files, changed);
    expect(plan.appliable).toBe(false);
    const replace = plan.changes.filter((c) => c.action === 'replace');
    expect(replace).toHaveLength(1);
    expect(replace[0]?.reasons).toEqual([`${field} is immutable`]);
    expect(plan.problems[0]).toMatch(/cannot change in place; kubectl apply fails\. Delete it first \(kubectl delete /);
  });
});

describe('apply with label prune', () => {
  it.each(['kind', 'eks'] as const)(
    '%s: every object carries app.kubernetes.io/part-of (kubectl apply -l applies only objects that match)',
    (profile) => {
      const config = validatePlatformConfig(rawDefaultConfig());
      const unlabelled = synthesizeProfile(config, profile)
        .flatMap((f) => f.documents)
        .filter((m) => m.metadata.labels?.['app.kubernetes.io/part-of'] !== config.platform.name)
        .map((m) => `${m.kind} ${m.metadata.name}`);
      expect(unlabelled).toEqual([]);
    },
  );
});

describe('kubectl apply -f dist/<profile>/ and apply -k read the same objects', () => {
  it.each(['kind', 'eks'])(
    '%s: the files kubectl -f reads (*.yaml, *.yml, *.json) are exactly the Kustomization resources',
    (profile) => {
      const dir = join(REPO_DIST, profile);
      const read = readdirSync(dir)
        .filter((n) => /\.(ya?ml|json)$/.test(n))
        .sort();
      expect(read).toEqual(
        readProfileDir(dir, profile)
          .map((f) => f.name)
          .sort(),
      );
      expect(readdirSync(dir)).toContain(KUSTOMIZATION_FILE);
    },
  );
});
