import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterContext } from './cluster-steps.js';
import { kubectl } from './kubectl.js';

const MINUTE = 60_000;

/** The edge's controllers on kind, pinned: Envoy Gateway (with the Gateway API CRDs) and cert-manager. */
export const EDGE_PREREQUISITES = {
  envoyGateway: {
    version: 'v1.5.0',
    manifest: 'https://github.com/envoyproxy/gateway/releases/download/v1.5.0/install.yaml',
    namespace: 'envoy-gateway-system',
  },
  certManager: {
    version: 'v1.18.2',
    manifest: 'https://github.com/cert-manager/cert-manager/releases/download/v1.18.2/cert-manager.yaml',
    namespace: 'cert-manager',
  },
} as const;

/** The GatewayClass `eg` (routing.className's default) that hands Gateways of that class to Envoy Gateway. */
export const ENVOY_GATEWAY_CLASS = [
  'apiVersion: gateway.networking.k8s.io/v1',
  'kind: GatewayClass',
  'metadata:',
  '  name: eg',
  'spec:',
  '  controllerName: gateway.envoyproxy.io/gatewayclass-controller',
  '',
].join('\n');

/** Whether dist/kind has an edge (routing on): then the cluster needs its controllers before the apply. */
export function needsEdge(dist: string): boolean {
  return existsSync(join(dist, '15-edge.yaml'));
}

/**
 * Installs Envoy Gateway and cert-manager at their pinned versions (server-side: the CRDs exceed the client-side
 * annotation limit), waits for their controllers and webhooks, and creates the GatewayClass. Idempotent.
 */
export async function installEdgePrerequisites(ctx: ClusterContext): Promise<void> {
  const { envoyGateway, certManager } = EDGE_PREREQUISITES;
  for (const { manifest, namespace, version } of [envoyGateway, certManager]) {
    await kubectl(ctx.kubeContext, ['apply', '--server-side', '--force-conflicts', '-f', manifest], {
      timeoutMs: 5 * MINUTE,
    });
    await kubectl(
      ctx.kubeContext,
      ['-n', namespace, 'wait', '--for=condition=Available', 'deployment', '--all', '--timeout=300s'],
      { timeoutMs: 6 * MINUTE },
    );
    ctx.log(`  ${namespace} ${version} ready`);
  }
  await kubectl(ctx.kubeContext, ['apply', '-f', '-'], { timeoutMs: MINUTE, input: ENVOY_GATEWAY_CLASS });
}
