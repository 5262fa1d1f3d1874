import type { Manifest } from '../../src/manifest/manifest.js';
import { buildClusterModel, type Endpoint } from '../../src/verify/cluster-model.js';
import { matchesSelector } from '../../src/verify/label-selector.js';
import { canConnect, readPolicies } from '../../src/verify/network-reachability.js';

const ns = (name: string, labels: Record<string, string> = {}): Manifest => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const deploy = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ports: Array<{ name?: string; containerPort: number; protocol?: string }> = [{ name: 'http', containerPort: 80 }],
): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'c', ports }] } },
  },
});
const policy = (namespace: string, name: string, spec: Record<string, unknown>): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

const base = [
  ns('a', { team: 'a' }),
  ns('b', { team: 'b' }),
  deploy('a', 'web', { app: 'web' }),
  deploy('a', 'db', { app: 'db' }, [
    { name: 'pg', containerPort: 5432 },
    { containerPort: 9000 },
    { containerPort: 53, protocol: 'UDP' },
  ]),
  deploy('b', 'client', { app: 'client' }),
];

function reach(extra: Manifest[], from: string, to: string, port: number, protocol = 'TCP'): boolean {
  const manifests = [...base, ...extra];
  const model = buildClusterModel(manifests);
  const get = (id: string) => model.endpoints.find((e) => e.id === id) as Endpoint;
  const dst = get(to);
  const p = dst.ports.find((x) => x.port === port && x.protocol === protocol) ?? { port, protocol };
  return canConnect(get(from), dst, p, readPolicies(manifests), model);
}

describe('NetworkPolicy reachability (Kubernetes semantics)', () => {
  it('allows everything when no policy selects the pods', () => {
    expect(reach([], 'b/client', 'a/db', 5432)).toBe(true);
    expect(reach([], 'a/web', 'internet', 443)).toBe(true);
  });

  it('denies all ingress with an empty podSelector and no rules', () => {
    expect(reach([policy('a', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })], 'b/client', 'a/db', 5432)).toBe(
      false,
    );
    expect(reach([policy('a', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })], 'a/web', 'internet', 443)).toBe(
      true,
    );
  });

  it('defaults policyTypes to Ingress, plus Egress when egress rules exist', () => {
    expect(reach([policy('a', 'p', { podSelector: {} })], 'b/client', 'a/db', 5432)).toBe(false);
    expect(reach([policy('a', 'p', { podSelector: {} })], 'a/web', 'internet', 443)).toBe(true);
    expect(
      reach([policy('a', 'p', { podSelector: {}, egress: [{ to: [{ podSelector: {} }] }] })], 'a/web', 'internet', 443),
    ).toBe(false);
  });

  it('needs both the egress of the source and the ingress of the destination', () => {
    const egressOnly = [
      policy('b', 'e', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }],
      }),
      policy('a', 'i', { podSelector: {}, policyTypes: ['Ingress'] }),
    ];
    expect(reach(egressOnly, 'b/client', 'a/db', 5432)).toBe(false);
    const both = [
      ...egressOnly,
      policy('a', 'i2', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }] }],
      }),
    ];
    expect(reach(both, 'b/client', 'a/db', 5432)).toBe(true);
  });

  it('treats namespaceSelector and podSelector in one peer as AND, in two peers as OR', () => {
    const and = policy('a', 'and', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { team: 'b' } }, podSelector: { matchLabels: { app: 'nope' } } }],
        },
      ],
    });
    expect(reach([and], 'b/client', 'a/db', 5432)).toBe(false);
    const or = policy('a', 'or', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { team: 'b' } } },
            { podSelector: { matchLabels: { app: 'nope' } } },
          ],
        },
      ],
    });
    expect(reach([or], 'b/client', 'a/db', 5432)).toBe(true);
  });

  it('reads a podSelector alone as "pods of the policy namespace", and namespaceSelector {} as every namespace', () => {
    const own = policy('a', 'own', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ from: [{ podSelector: {} }] }],
    });
    expect(reach([own], 'a/web', 'a/db', 5432)).toBe(true);
    expect(reach([own], 'b/client', 'a/db', 5432)).toBe(false);
    const any = policy('a', 'any', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ from: [{ namespaceSelector: {} }] }],
    });
    expect(reach([any], 'b/client', 'a/db', 5432)).toBe(true);
  });

  it('matches named and numbered ports, endPort ranges and protocols', () => {
    const named = policy('a', 'n', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ ports: [{ port: 'pg' }] }],
    });
    expect(reach([named], 'b/client', 'a/db', 5432)).toBe(true);
    expect(reach([named], 'b/client', 'a/db', 9000)).toBe(false);
    const range = policy('a', 'r', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ ports: [{ port: 5000, endPort: 6000 }] }],
    });
    expect(reach([range], 'b/client', 'a/db', 5432)).toBe(true);
    expect(reach([range], 'b/client', 'a/db', 9000)).toBe(false);
    const udp = policy('a', 'u', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
    });
    expect(reach([udp], 'b/client', 'a/db', 53, 'UDP')).toBe(true);
    expect(reach([udp], 'b/client', 'a/db', 5432)).toBe(false);
  });

  it('matches ipBlock with except, for external peers and pod IPs alike', () => {
    const cidr = policy('a', 'c', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['93.184.0.0/16'] } }] }],
    });
    expect(reach([cidr], 'a/web', 'internet', 443)).toBe(false);
    expect(reach([cidr], 'a/web', 'kubernetes-api', 6443)).toBe(true);
    expect(reach([cidr], 'a/web', 'b/client', 80)).toBe(true);
  });
});

describe('matchesSelector', () => {
  it.each<[Record<string, unknown>, Record<string, string>, boolean]>([
    [{}, { a: '1' }, true],
    [{ matchLabels: { a: '1' } }, { a: '1', b: '2' }, true],
    [{ matchLabels: { a: '2' } }, { a: '1' }, false],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, { a: '2' }, true],
    [{ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, {}, false],
    [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, {}, true],
  ])('%j on %j is %s', (selector, labels, expected) => {
    expect(matchesSelector(selector, labels)).toBe(expected);
  });
});
