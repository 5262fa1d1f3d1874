import { validatePlatformConfig } from '../../src/config/index.js';
import type { Manifest, ManifestFile } from '../../src/manifest/manifest.js';
import { externalSecrets } from '../../src/secrets/external-secrets.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import {
  addConfigChecksums,
  CONFIG_CHECKSUM_ANNOTATION,
  ConfigReferenceError,
  RELOADED_LIVE_ANNOTATION,
} from '../../src/workload/add-config-checksums.js';
import { JOB_BASE_NAME_LABEL, nameJobsByContent } from '../../src/workload/name-jobs-by-content.js';
import { rawDefaultConfig } from '../fixtures.js';

const configMap = (name: string, data: Record<string, string>, annotations?: Record<string, string>): Manifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'ns', ...(annotations ? { annotations } : {}) },
  data,
});
const deployment = (name: string, pod: Record<string, unknown>): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'ns' },
  spec: { template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', ...pod }] } } },
});
const checksum = (files: ManifestFile[], name: string) => {
  const m = files.flatMap((f) => f.documents).find((d) => d.metadata.name === name) as any;
  return m?.spec?.template?.metadata?.annotations?.[CONFIG_CHECKSUM_ANNOTATION] as string | undefined;
};
const run = (docs: Manifest[]) => addConfigChecksums([{ name: 'f.yaml', documents: docs }], []);

describe('addConfigChecksums: each workload rolls when exactly the data it consumes changes', () => {
  const consumers = [
    deployment('env-from', { envFrom: [{ configMapRef: { name: 'settings' } }] }),
    deployment('one-key', { env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } } }] }),
    {
      ...deployment('volume-items', {}),
      spec: {
        template: {
          spec: {
            containers: [],
            volumes: [{ name: 'v', configMap: { name: 'settings', items: [{ key: 'b', path: 'b' }] } }],
          },
        },
      },
    } as Manifest,
    {
      ...deployment('projected', {}),
      spec: {
        template: {
          spec: {
            containers: [],
            volumes: [{ name: 'v', projected: { sources: [{ configMap: { name: 'other' } }] } }],
          },
        },
      },
    } as Manifest,
    deployment('none', {}),
  ];
  const before = run([configMap('settings', { a: '1', b: '1' }), configMap('other', { x: '1' }), ...consumers]);

  it.each<{ change: string; data: Record<string, string>; other: Record<string, string>; rolls: string[] }>([
    { change: 'key a', data: { a: '2', b: '1' }, other: { x: '1' }, rolls: ['env-from', 'one-key'] },
    { change: 'key b', data: { a: '1', b: '2' }, other: { x: '1' }, rolls: ['env-from', 'volume-items'] },
    { change: 'a new key c', data: { a: '1', b: '1', c: '1' }, other: { x: '1' }, rolls: ['env-from'] },
    { change: 'the projected ConfigMap', data: { a: '1', b: '1' }, other: { x: '2' }, rolls: ['projected'] },
    { change: 'nothing', data: { a: '1', b: '1' }, other: { x: '1' }, rolls: [] },
  ])('a change of $change rolls $rolls and no other workload', ({ data, other, rolls }) => {
    const after = run([configMap('settings', data), configMap('other', { ...other }), ...consumers]);
    const rolled = consumers.map((c) => c.metadata.name).filter((n) => checksum(before, n) !== checksum(after, n));
    expect(rolled).toEqual(rolls);
    expect(checksum(after, 'none')).toBeUndefined();
  });

  it('leaves out a ConfigMap its consumers reload live', () => {
    const live = { [RELOADED_LIVE_ANNOTATION]: 'true' };
    const a = run([configMap('settings', { a: '1' }, live), consumers[0] as Manifest]);
    const b = run([configMap('settings', { a: '2' }, live), consumers[0] as Manifest]);
    expect(checksum(a, 'env-from')).toBe(checksum(b, 'env-from'));
  });

  it('fails loudly, listing every unresolved reference, for a missing ConfigMap or an unknown Secret', () => {
    const broken = [
      deployment('typo', { envFrom: [{ configMapRef: { name: 'setings' } }, { secretRef: { name: 'nope' } }] }),
      deployment('optional', { envFrom: [{ configMapRef: { name: 'maybe', optional: true } }] }),
    ];
    const error = (() => {
      try {
        run(broken);
      } catch (e) {
        return e as ConfigReferenceError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigReferenceError);
    expect(error?.problems).toEqual([
      'Deployment ns/typo reads ConfigMap ns/setings, which is not synthesized; synthesize it in the same profile, or fix the name',
      'Deployment ns/typo reads Secret ns/nope, which is not synthesized and not listed in secrets/external-secrets.ts; synthesize it in the same profile, or fix the name',
    ]);
  });

  it('accepts a Secret from the external-Secret list', () => {
    const d = { ...deployment('api', { envFrom: [{ secretRef: { name: 'tenant-a-model-store-credentials' } }] }) };
    const docs = [{ ...d, metadata: { ...d.metadata, namespace: 'tenant-a' } }];
    expect(() => addConfigChecksums([{ name: 'f', documents: docs }], externalSecrets(['tenant-a']))).not.toThrow();
  });
});

describe('the synthesized platform', () => {
  const synth = (edit: (raw: ReturnType<typeof rawDefaultConfig>) => void) => {
    const raw = rawDefaultConfig();
    edit(raw);
    return synthesizeProfile(validatePlatformConfig(raw), 'kind');
  };
  it('stamps every workload that reads config, and a tenant log-level change rolls only that tenant', () => {
    const before = synth(() => {});
    const after = synth((raw) => {
      raw.tenants[0] = { ...raw.tenants[0], api: { logLevel: 'debug' } };
    });
    const workloads = before.flatMap((f) => f.documents).filter((d) => d.kind === 'Deployment');
    const changed = workloads.map((w) => w.metadata.name).filter((n) => checksum(before, n) !== checksum(after, n));
    expect(changed).toEqual(['tenant-a-ml-inference']);
    for (const n of ['tenant-a-ml-inference', 'tenant-b-ml-inference'])
      expect(checksum(before, n)).toMatch(/^[0-9a-f]{16}$/);
    // MinIO reads only the external root Secret: nothing synthesized to hash (rotation: docs/day-2.md).
    expect(checksum(before, 'minio')).toBeUndefined();
  });
});

describe('nameJobsByContent', () => {
  const job = (image: string): Manifest => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'train', namespace: 'ns', labels: { a: 'b' } },
    spec: { template: { spec: { containers: [{ name: 'c', image }] } } },
  });
  const name = (image: string) => nameJobsByContent([{ name: 'f', documents: [job(image)] }])[0]?.documents[0];
  it('names a Job by its spec: same inputs, same Job (never re-run); new inputs, a new Job; base name as label', () => {
    expect(name('i:1')?.metadata.name).toMatch(/^train-[0-9a-f]{8}$/);
    expect(name('i:1')?.metadata.name).toBe(name('i:1')?.metadata.name);
    expect(name('i:2')?.metadata.name).not.toBe(name('i:1')?.metadata.name);
    expect(name('i:1')?.metadata.labels).toEqual({ a: 'b', [JOB_BASE_NAME_LABEL]: 'train' });
  });
});
