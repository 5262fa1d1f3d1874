import type { CheckResult } from '../../process/check-result.js';
import { kubectl } from '../kubectl.js';
import type { NetworkProbe } from './network-plan.js';
import { DNS_PROBE, PROBE_POD, probePod, probeSucceeded, TCP_PROBE } from './probe-pod.js';

const PROBE_TIMEOUT_MS = 3_000;

/** Runs one probe inside the probe pod of its namespace; returns whether the connection (or lookup) succeeded. */
async function runProbe(probe: NetworkProbe, kubeContext: string): Promise<{ ok: boolean; output: string }> {
  const args =
    probe.kind === 'dns'
      ? [DNS_PROBE, probe.host, String(PROBE_TIMEOUT_MS)]
      : [TCP_PROBE, probe.host, String(probe.port), String(PROBE_TIMEOUT_MS)];
  const { stdout } = await kubectl(
    kubeContext,
    ['-n', probe.namespace, 'exec', PROBE_POD, '--', 'node', '-e', ...args],
    {
      timeoutMs: 30_000,
    },
  );
  return { ok: probeSucceeded(stdout), output: stdout.trim() };
}

/** The observed connectivity as a table, each cell `allowed`/`blocked` and marked where it differs from dist/. */
export function formatMatrix(probes: readonly NetworkProbe[], observed: ReadonlyMap<string, boolean>): string {
  const rows = [...new Set(probes.map((p) => p.namespace))];
  const targets = [...new Set(probes.map((p) => p.id.split(' -> ')[1] ?? ''))];
  const cell = (p: NetworkProbe | undefined) => {
    if (!p) return '';
    const seen = observed.get(p.id);
    if (seen === undefined) return 'not run';
    return `${seen ? 'allowed' : 'blocked'}${seen === p.expected ? '' : ` (REPORT: ${p.expected ? 'allowed' : 'blocked'}) ✖`}`;
  };
  return [
    `| from \\ to | ${targets.join(' | ')} |`,
    `| --- | ${targets.map(() => '---').join(' | ')} |`,
    ...rows.map(
      (ns) => `| ${ns} | ${targets.map((t) => cell(probes.find((p) => p.id === `${ns} -> ${t}`))).join(' | ')} |`,
    ),
  ].join('\n');
}

/**
 * Starts a probe pod in each namespace of the plan, runs every probe, and judges it: observed must equal expected,
 * and a blocked result only counts when its control succeeded (the target is up and reachable at all), so neither a
 * CNI that fails open nor a target that is down can pass. The probe pods are deleted at the end, also on failure.
 */
export async function checkNetwork(
  probes: readonly NetworkProbe[],
  image: string,
  log: (line: string) => void,
  kubeContext: string,
): Promise<{ results: CheckResult[]; matrix: string }> {
  const namespaces = [...new Set(probes.map((p) => p.namespace))];
  const observed = new Map<string, boolean>();
  try {
    for (const namespace of namespaces) {
      await kubectl(kubeContext, ['apply', '-f', '-'], {
        input: JSON.stringify(probePod(namespace, image)),
        timeoutMs: 60_000,
      });
    }
    for (const namespace of namespaces)
      await kubectl(
        kubeContext,
        ['-n', namespace, 'wait', '--for=condition=Ready', `pod/${PROBE_POD}`, '--timeout=120s'],
        {
          timeoutMs: 150_000,
        },
      );
    for (const probe of probes) {
      const { ok, output } = await runProbe(probe, kubeContext);
      observed.set(probe.id, ok);
      log(`  ${probe.id} (${probe.host}:${probe.port}): ${output}`);
    }
  } finally {
    for (const namespace of namespaces)
      await kubectl(kubeContext, ['-n', namespace, 'delete', 'pod', PROBE_POD, '--ignore-not-found', '--wait=false'], {
        timeoutMs: 60_000,
      }).catch((error: Error) => log(`  could not delete ${namespace}/${PROBE_POD}: ${error.message}`));
  }
  const results = probes.map((probe): CheckResult => {
    const seen = observed.get(probe.id) === true;
    const control = probe.control === undefined ? undefined : observed.get(probe.control);
    const expected = probe.expected ? 'allowed' : 'blocked';
    if (seen !== probe.expected)
      return { name: probe.id, ok: false, detail: `${seen ? 'allowed' : 'blocked'}, but dist/ says ${expected}` };
    if (!seen && probe.control !== undefined && control !== true)
      return {
        name: probe.id,
        ok: false,
        detail: `blocked as expected, but inconclusive: the control "${probe.control}" did not succeed either`,
      };
    return {
      name: probe.id,
      ok: true,
      detail: `${expected}${probe.control ? ` (control "${probe.control}" succeeded)` : ''}`,
    };
  });
  return { results, matrix: formatMatrix(probes, observed) };
}
