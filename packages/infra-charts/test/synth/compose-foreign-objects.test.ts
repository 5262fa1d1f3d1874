import { join } from 'node:path';
import { ApiObject, Cron, Include, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { REPO_ROOT } from '../../src/cli/repo-paths.js';
import { EXTENSIONS_FILE, type PlatformExtension } from '../../src/extensions/platform-extension.js';
import { runGuardrails } from '../../src/guardrails/run-guardrails.js';
import { formatViolation } from '../../src/guardrails/violation.js';
import type { Manifest, ManifestFile } from '../../src/manifest/manifest.js';
import { synthesizeProfile, tenantFileName } from '../../src/synth/synthesize-profile.js';
import { defaultConfig } from '../fixtures.js';

const config = defaultConfig();
const INCLUDED = join(REPO_ROOT, 'packages/infra-charts/test/fixtures/included-objects.yaml');
const documentsOf = (files: readonly ManifestFile[], name: string) =>
  files.find((f) => f.name === name)?.documents ?? [];
const names = (docs: readonly Manifest[]) =>
  docs.map((d) => `${d.kind} ${d.metadata.namespace ?? ''}/${d.metadata.name}`);
const restricted = {
  user: 101,
  group: 101,
  seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
  capabilities: { drop: [kplus.Capability.ALL] },
};
const resources = {
  cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(100) },
  memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
};
/** What `cdk8s import` generates for a CRD: an ApiObject subclass with its GVK (KEDA's ScaledObject here). */
class KedaScaledObject extends ApiObject {
  static readonly GVK = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject' };
  constructor(scope: Construct, id: string, props: { metadata: { name: string }; spec: Record<string, unknown> }) {
    super(scope, id, { ...KedaScaledObject.GVK, ...props });
  }
}
const tenantHook = (hook: (scope: Construct) => void): PlatformExtension => ({ name: 'test', tenant: hook });

describe('foreign ApiObjects in the construct tree land in dist/ (collectManifests)', () => {
  it.each<[string, PlatformExtension, string[]]>([
    [
      'a plain cdk8s ApiObject',
      tenantHook((scope) => {
        new ApiObject(scope, 'plain', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'plain' },
          data: { a: '1' },
        } as never);
      }),
      ['ConfigMap tenant-a/plain'],
    ],
    [
      'a cdk8s-plus-28 Deployment',
      tenantHook((scope) => {
        new kplus.Deployment(scope, 'web', {
          metadata: { name: 'web' },
          containers: [
            { image: 'nginxinc/nginx-unprivileged:1.27', portNumber: 8080, securityContext: restricted, resources },
          ],
        });
      }),
      ['Deployment tenant-a/web'],
    ],
    [
      'a cdk8s-plus-28 CronJob',
      tenantHook((scope) => {
        new kplus.CronJob(scope, 'cron', {
          metadata: { name: 'cron' },
          schedule: Cron.daily(),
          containers: [{ image: 'busybox:1.36', securityContext: restricted, resources }],
        });
      }),
      ['CronJob tenant-a/cron'],
    ],
    [
      'a `cdk8s import`-style CRD class',
      tenantHook((scope) => {
        new KedaScaledObject(scope, 'scaler', {
          metadata: { name: 'batch-scaler' },
          spec: { scaleTargetRef: { name: 'batch' }, triggers: [{ type: 'cpu', metadata: { value: '60' } }] },
        });
      }),
      ['ScaledObject tenant-a/batch-scaler'],
    ],
    [
      'an Include of a YAML file',
      tenantHook((scope) => {
        new Include(scope, 'included', { url: INCLUDED });
      }),
      ['ConfigMap tenant-a/included-settings', 'PriorityClass tenant-a/included-batch'],
    ],
  ])('%s, in the tenant file and namespace', (_what, extension, expected) => {
    const files = synthesizeProfile(config, 'kind', { extensions: [extension] });
    const plain = synthesizeProfile(config, 'kind');
    const before = names(documentsOf(plain, tenantFileName('tenant-a')));
    const after = names(documentsOf(files, tenantFileName('tenant-a')));
    expect(after.filter((n) => !before.includes(n))).toEqual(expected);
  });

  it('a profile hook writes to the profile-level file, only when it adds objects', () => {
    const profile: PlatformExtension = {
      name: 'cluster-wide',
      profile: (scope, p) => {
        new ApiObject(scope, 'summary', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `${p.name}-tenants`, namespace: 'default' },
          data: { tenants: p.tenants.map((t) => t.name).join(',') },
        } as never);
      },
    };
    const files = synthesizeProfile(config, 'kind', { extensions: [profile] });
    expect(files.at(-1)?.name).toBe(EXTENSIONS_FILE);
    expect(documentsOf(files, EXTENSIONS_FILE)).toMatchObject([
      { metadata: { name: 'kind-tenants' }, data: { tenants: 'tenant-a,tenant-b' } },
    ]);
    const empty = synthesizeProfile(config, 'kind', { extensions: [{ name: 'nothing', profile: () => {} }] });
    expect(empty.map((f) => f.name)).not.toContain(EXTENSIONS_FILE);
  });
});

describe('foreign objects pass the same guardrails', () => {
  it.each<[string, (scope: Construct) => void, RegExp]>([
    [
      'missing memory resources (cdk8s-plus container without them)',
      (scope) => {
        new kplus.Deployment(scope, 'web', {
          metadata: { name: 'web' },
          containers: [{ image: 'nginx:1.27', securityContext: restricted, resources: { cpu: resources.cpu } }],
        });
      },
      /Deployment tenant-a\/web: resources\/declared: container "main" has no requests.memory/,
    ],
    [
      'a cluster-scoped object given a namespace (the Include above lands in the tenant chart)',
      (scope) => {
        new Include(scope, 'included', { url: INCLUDED });
      },
      /PriorityClass tenant-a\/included-batch: metadata\/cluster-scoped/,
    ],
    [
      'a CRD object its schema rejects',
      (scope) => {
        new KedaScaledObject(scope, 'scaler', { metadata: { name: 'bad-scaler' }, spec: { triggers: 'cpu' } });
      },
      /ScaledObject tenant-a\/bad-scaler: schema\/openapi/,
    ],
    [
      'a field the Kubernetes schema does not declare',
      (scope) => {
        new ApiObject(scope, 'typo', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'typo' },
          dataa: { a: '1' },
        } as never);
      },
      /ConfigMap tenant-a\/typo: schema\/openapi/,
    ],
  ])('%s', async (_what, hook, expected) => {
    const files = synthesizeProfile(config, 'kind', { extensions: [tenantHook(hook)] });
    const found = (await runGuardrails(files, { rejectUnknownFields: true })).map(formatViolation).join('\n');
    expect(found).toMatch(expected);
  });

  it('a foreign object without a name fails synth naming its construct path', () => {
    const nameless = tenantHook((scope) => {
      new ApiObject(scope, 'nameless', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' } } as never);
    });
    expect(() => synthesizeProfile(config, 'kind', { extensions: [nameless] })).toThrow(
      /the ApiObject at tenant-tenant-a\/tenant\/extension-test\/nameless cannot be written to dist\/: metadata.name is missing/,
    );
  });
});
