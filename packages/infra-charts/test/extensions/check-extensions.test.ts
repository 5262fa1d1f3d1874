import { checkExtensions, extensionProblems } from '../../src/extensions/load-extensions.js';
import type { PlatformExtension } from '../../src/extensions/platform-extension.js';
import { synthesizeProfile } from '../../src/synth/synthesize-profile.js';
import { defaultConfig } from '../fixtures.js';

const hook = () => {};

describe('extension values are checked once, every problem listed', () => {
  it.each<[string, unknown, string[]]>([
    ['a usable extension', { name: 'ok', tenant: hook }, []],
    [
      'not an object',
      42,
      ['x: the default export must be a PlatformExtension object ({ name, tenant?, profile? }), got number'],
    ],
    [
      'a bad name and a hook that is no function',
      { name: 'Not OK', profile: 'yes' },
      [
        'x: name "Not OK" must be a DNS-1123 label (lowercase letters, digits, \'-\'), e.g. "nightly-rescore"',
        'x: profile must be a function (scope, context) => void, got string',
      ],
    ],
    ['no hook at all', { name: 'idle' }, ['x: declares neither a tenant nor a profile hook; add one of them']],
  ])('%s', (_what, value, problems) => {
    expect(extensionProblems(value, 'x')).toEqual(problems);
  });

  it('refuses two extensions of one name', () => {
    expect(() =>
      checkExtensions([
        { name: 'a', tenant: hook },
        { name: 'a', profile: hook },
      ]),
    ).toThrow(/extensions\[1\]: another extension is already named "a"; names must be unique/);
  });
});

describe('a failing hook', () => {
  it('fails synth naming the extension and the tenant, keeping the cause', () => {
    const broken: PlatformExtension = {
      name: 'broken',
      tenant: (_scope, tenant) => {
        if (tenant.spec.name === 'tenant-b') throw new Error('no dataset for this tenant');
      },
    };
    let caught: unknown;
    try {
      synthesizeProfile(defaultConfig(), 'kind', { extensions: [broken] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toBe('extension "broken" failed for tenant tenant-b: no dataset for this tenant');
    expect(((caught as Error).cause as Error).message).toBe('no dataset for this tenant');
  });

  it('receives typed handles of the tenant API', () => {
    const seen: string[] = [];
    synthesizeProfile(defaultConfig(), 'kind', {
      extensions: [
        {
          name: 'spy',
          tenant: (_scope, t) => {
            seen.push(
              `${t.api.deployment.namespace}/${t.api.deployment.name} ${JSON.stringify(t.api.deployment.selector)} ${t.api.service.name}:${t.api.service.port}`,
            );
          },
        },
      ],
    });
    expect(seen).toEqual([
      'tenant-a/tenant-a-ml-inference {"app.kubernetes.io/name":"ml-inference","app.kubernetes.io/instance":"tenant-a"} tenant-a-ml-inference-svc:8000',
      'tenant-b/tenant-b-ml-inference {"app.kubernetes.io/name":"ml-inference","app.kubernetes.io/instance":"tenant-b"} tenant-b-ml-inference-svc:8000',
    ]);
  });
});
