/** The name of the short-lived pod the smoke test probes the network from, in each tenant namespace. */
export const PROBE_POD = 'smoke-probe';
/** Its labels: none of a workload's, so it is subject to exactly the namespace-wide policies (default-deny, DNS, same namespace). */
export const PROBE_LABELS = { 'app.kubernetes.io/name': 'smoke-probe', 'app.kubernetes.io/part-of': 'mlops-platform' };

/**
 * A probe pod that passes Pod Security "restricted" and fits the tenant's quota: the API image (it has `node`,
 * and kind already holds it) idling until `kubectl exec` runs probes in it; it deletes itself after 15 minutes.
 */
export function probePod(namespace: string, image: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: PROBE_POD, namespace, labels: PROBE_LABELS },
    spec: {
      activeDeadlineSeconds: 900,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      restartPolicy: 'Never',
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: 'probe',
          image,
          imagePullPolicy: 'IfNotPresent',
          command: ['node', '-e', 'setInterval(() => {}, 60_000)'],
          resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
    },
  };
}

/** `node -e` program: opens a TCP connection and prints `open`, `timeout` or `error:<code>`. */
export const TCP_PROBE =
  "const [h,p,t]=process.argv.slice(1);const s=require('net').connect({host:h,port:+p});" +
  "const d=(r)=>{console.log(r);s.destroy();process.exit(0)};s.setTimeout(+t,()=>d('timeout'));" +
  "s.on('connect',()=>d('open'));s.on('error',(e)=>d('error:'+e.code));";

/** `node -e` program: resolves a name through the cluster DNS (UDP) and prints `resolved` or `error:<code>`. */
export const DNS_PROBE =
  "require('dns').lookup(process.argv[1],(e)=>{console.log(e?'error:'+e.code:'resolved');process.exit(0)});" +
  "setTimeout(()=>{console.log('timeout');process.exit(0)},+process.argv[2]);";

/** What a probe printed, as connected or not. */
export const probeSucceeded = (output: string) => /^(open|resolved)$/m.test(output.trim());
