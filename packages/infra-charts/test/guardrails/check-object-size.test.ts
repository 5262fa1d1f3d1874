import { generateConfig } from '../../bench/generate-config.js';
import { validatePlatformConfig } from '../../src/config/index.js';
import { checkObjectSize, MAX_OBJECT_BYTES, serializedBytes } from '../../src/guardrails/check-object-size.js';
import { runGuardrails } from '../../src/guardrails/run-guardrails.js';
import type { Manifest } from '../../src/manifest/manifest.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';

/** A ConfigMap whose JSON is exactly `bytes` long. */
function configMapOf(bytes: number): Manifest {
  const empty: Manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'big', namespace: 'x' },
    data: { k: '' },
  };
  return { ...empty, data: { k: 'x'.repeat(bytes - serializedBytes(empty)) } };
}

describe('the object-size bound (kubectl apply records each object in a 256 KiB annotation)', () => {
  it.each([
    [1024, undefined],
    [MAX_OBJECT_BYTES, undefined],
    [MAX_OBJECT_BYTES + 1, 'serialized size 262,145 bytes (256.0 KiB) is above 262,144 bytes (256.0 KiB)'],
    [3 * MAX_OBJECT_BYTES, 'serialized size 786,432 bytes (768.0 KiB) is above'],
  ])('an object of %i bytes: %s', (bytes, expected) => {
    const m = configMapOf(bytes);
    expect(serializedBytes(m)).toBe(bytes);
    if (expected === undefined) expect(checkObjectSize(m)).toBeUndefined();
    else expect(checkObjectSize(m)).toContain(expected);
  });

  it('fails synth naming the file, the object, the rule and the fix', async () => {
    const violations = await runGuardrails([{ name: '30-monitoring.yaml', documents: [configMapOf(300_000)] }]);
    expect(violations).toEqual([
      expect.objectContaining({
        file: '30-monitoring.yaml',
        object: 'ConfigMap x/big',
        rule: 'size/max-object-bytes',
        detail: expect.stringContaining(
          'split the object (e.g. several ConfigMaps) or make it independent of the tenant count',
        ),
      }),
    ]);
  });

  it.each(['kind', 'eks'] as const)('holds for every object of %s at 1000 tenants', (profile) => {
    const files = synthesizeProfile(validatePlatformConfig(generateConfig(1000)), profile);
    const oversized = files
      .flatMap((f) =>
        f.documents.map((m) => ({ object: `${f.name}: ${m.kind} ${m.metadata.name}`, bytes: serializedBytes(m) })),
      )
      .filter((o) => o.bytes > MAX_OBJECT_BYTES);
    expect(oversized).toEqual([]);
  });

  // Every tenant adds a line to the provisioning ConfigMap, nothing to its Job: far below the bound at the maximum.
  const provisioningOf = (n: number, profile: 'kind' | 'eks') => {
    const docs = synthesizeProfile(validatePlatformConfig(generateConfig(n)), profile).flatMap((f) => f.documents);
    const of = (kind: string) => docs.find((m) => kind === m.kind && m.metadata.name.startsWith('minio-provisioning'));
    const [configMap, job] = [of('ConfigMap'), of('Job') as (Manifest & { spec: { template: unknown } }) | undefined];
    return configMap && job && { configMap: serializedBytes(configMap), template: JSON.stringify(job.spec.template) };
  };

  it('keeps the MinIO provisioning ConfigMap and Job (kind) far below it at 1000 and 5,000 tenants', () => {
    const [one, thousand, max] = [1, 1000, 5000].map((n) => provisioningOf(n, 'kind'));
    expect(thousand?.configMap).toBeLessThan(MAX_OBJECT_BYTES / 4);
    expect(max?.configMap).toBeLessThan(MAX_OBJECT_BYTES);
    expect(Buffer.byteLength(max?.template ?? 'missing'.repeat(1000))).toBeLessThan(4096);
    // The pod template differs only by the checksum of the ConfigMap it mounts.
    const strip = (t: string | undefined) => t?.replace(/"checksum[^"]*":"[0-9a-f]+"/, '');
    expect(strip(max?.template)).toBe(strip(one?.template));
  });

  it('has no MinIO provisioning at all on eks (S3 with IRSA), whatever the tenant count', () => {
    expect(provisioningOf(1000, 'eks')).toBeUndefined();
  });
});
