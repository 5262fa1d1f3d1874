import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterContext } from '../../src/cluster/cluster-steps.js';
import { EDGE_PREREQUISITES, installEdgePrerequisites, needsEdge } from '../../src/cluster/edge-prerequisites.js';
import { installFakeTools } from './fake-tools.js';

const ORIGINAL = { ...process.env };
afterAll(() => {
  process.env = ORIGINAL;
});

describe('edge controllers for kind (fake kubectl: there is no cluster here)', () => {
  it('are needed exactly when dist/kind has an edge file', () => {
    const dist = mkdtempSync(join(tmpdir(), 'dist-'));
    expect(needsEdge(dist)).toBe(false);
    writeFileSync(join(dist, '15-edge.yaml'), '');
    expect(needsEdge(dist)).toBe(true);
  });

  it('installs Envoy Gateway then cert-manager at pinned versions, waits for each, then creates the GatewayClass', async () => {
    const fakes = installFakeTools();
    process.env = { ...ORIGINAL, PATH: fakes.path, FAKE_STATE: fakes.state, FAKE_NODE: process.execPath };
    mkdirSync(fakes.state, { recursive: true });
    const log: string[] = [];
    const ctx = { kubeContext: 'kind-x', log: (l: string) => log.push(l) } as unknown as ClusterContext;
    await installEdgePrerequisites(ctx);
    const calls = readFileSync(join(fakes.state, 'calls.log'), 'utf8').trim().split('\n');
    const { envoyGateway: eg, certManager: cm } = EDGE_PREREQUISITES;
    expect(calls).toEqual([
      `kubectl --context kind-x apply --server-side --force-conflicts -f ${eg.manifest}`,
      'kubectl --context kind-x -n envoy-gateway-system wait --for=condition=Available deployment --all --timeout=300s',
      `kubectl --context kind-x apply --server-side --force-conflicts -f ${cm.manifest}`,
      'kubectl --context kind-x -n cert-manager wait --for=condition=Available deployment --all --timeout=300s',
      'kubectl --context kind-x apply -f -',
    ]);
    for (const { manifest, version } of [eg, cm]) expect(manifest).toContain(`/${version}/`);
    expect(log).toEqual(['  envoy-gateway-system v1.5.0 ready', '  cert-manager v1.18.2 ready']);
  });
});
