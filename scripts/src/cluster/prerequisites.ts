import { CommandError, runCommand } from '../process/run-command.js';

/** A tool the cluster or image tools need, how to tell its version, and how to install it. */
interface Prerequisite {
  readonly name: string;
  readonly args: readonly string[];
  readonly parse: (stdout: string) => string | undefined;
  readonly minimum?: readonly [number, number];
  readonly hint: string;
}

const PREREQUISITES: readonly Prerequisite[] = [
  {
    name: 'docker',
    args: ['version', '--format', '{{.Server.Version}}'],
    parse: (s) => s.trim() || undefined,
    hint: 'install Docker Engine (apt-get install docker.io) and start dockerd',
  },
  {
    name: 'kind',
    args: ['version'],
    parse: (s) => /v(\d+\.\d+\.\d+)/.exec(s)?.[1],
    minimum: [0, 24],
    hint: 'install kind >= 0.24 (from 0.24 kindnet enforces NetworkPolicy): https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
  },
  {
    name: 'kubectl',
    args: ['version', '--client', '--output=json'],
    parse: (s) => /"gitVersion":\s*"v([\d.]+)/.exec(s)?.[1],
    hint: 'install kubectl: https://kubernetes.io/docs/tasks/tools/',
  },
  {
    name: 'debootstrap',
    args: ['--version'],
    parse: (s) => /debootstrap\s+(\S+)/.exec(s)?.[1],
    hint: "install Debian's debootstrap (apt-get install debootstrap); it runs as root",
  },
  {
    name: 'npm',
    args: ['--version'],
    parse: (s) => s.trim() || undefined,
    hint: 'install Node.js with npm (https://nodejs.org/en/download)',
  },
];

/** The tools `pnpm cluster up` needs. */
export const CLUSTER_TOOLS = ['docker', 'kind', 'kubectl'] as const;

/** The version found for each tool, or the problem with it. */
export interface PrerequisiteReport {
  readonly versions: Readonly<Record<string, string>>;
  readonly problems: readonly string[];
}

const atLeast = (version: string, [major, minor]: readonly [number, number]) => {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
};

/** Checks the tools (docker, kind and kubectl unless named); every missing or too old one is listed with a hint. */
export async function checkPrerequisites(
  timeoutMs = 15_000,
  tools: readonly string[] = CLUSTER_TOOLS,
): Promise<PrerequisiteReport> {
  const versions: Record<string, string> = {};
  const problems: string[] = [];
  for (const p of PREREQUISITES.filter((candidate) => tools.includes(candidate.name))) {
    try {
      const version = p.parse((await runCommand(p.name, p.args, { timeoutMs })).stdout);
      if (!version) problems.push(`${p.name}: could not read its version; ${p.hint}`);
      else if (p.minimum && !atLeast(version, p.minimum))
        problems.push(`${p.name} ${version} is too old (need >= ${p.minimum.join('.')}); ${p.hint}`);
      else versions[p.name] = version;
    } catch (error) {
      const reason =
        error instanceof CommandError && error.notFound
          ? 'is not installed'
          : `does not work (${(error as Error).message.split('\n')[0]})`;
      problems.push(`${p.name} ${reason}; ${p.hint}`);
    }
  }
  return { versions, problems };
}
