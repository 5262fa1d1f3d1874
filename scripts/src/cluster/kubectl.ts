import { type RunOptions, type RunResult, runCommand } from '../process/run-command.js';

/** The kube context of the kind cluster: every kubectl call of the cluster tool names it, never the current one. */
export const kindContext = (clusterName: string) => `kind-${clusterName}`;

/** `kubectl --context <context> ...args`, with the timeout and error reporting of runCommand. */
export function kubectl(context: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return runCommand('kubectl', ['--context', context, ...args], options);
}
