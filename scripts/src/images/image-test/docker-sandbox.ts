import { randomBytes } from 'node:crypto';
import { CommandError, runCommand } from '../../process/run-command.js';

const MINUTE = 60_000;

/**
 * The containers and networks one test run creates, under one unique prefix, so that `cleanup` removes every
 * one of them, whatever failed before.
 */
export class DockerSandbox {
  readonly prefix = `mlops-images-test-${randomBytes(3).toString('hex')}`;
  readonly network = `${this.prefix}-net`;
  private readonly containers: string[] = [];
  private networkCreated = false;

  /** A private network: containers on it reach each other by name, and nothing outside the host. */
  async createNetwork(): Promise<void> {
    await runCommand('docker', ['network', 'create', '--internal', this.network], { timeoutMs: MINUTE });
    this.networkCreated = true;
  }

  /** `docker run` (detached unless `wait`), named `<prefix>-<name>`, on the sandbox network. */
  async run(name: string, args: readonly string[], options: { wait?: number } = {}): Promise<string> {
    const container = `${this.prefix}-${name}`;
    this.containers.push(container);
    const detach = options.wait === undefined ? ['--detach'] : [];
    await runCommand(
      'docker',
      ['run', ...detach, '--name', container, '--network', this.network, '--network-alias', name, ...args],
      { timeoutMs: options.wait ?? MINUTE },
    );
    return container;
  }

  /** The container's address on the sandbox network (reachable from the host through the bridge). */
  async address(container: string): Promise<string> {
    const format = `{{(index .NetworkSettings.Networks "${this.network}").IPAddress}}`;
    const { stdout } = await runCommand('docker', ['inspect', '--format', format, container], { timeoutMs: MINUTE });
    if (!stdout.trim()) throw new Error(`${container} has no address on ${this.network}`);
    return stdout.trim();
  }

  /** The last lines a container printed, for failure reports. */
  async logs(container: string, lines = 30): Promise<string> {
    const result = await runCommand('docker', ['logs', '--tail', String(lines), container], {
      timeoutMs: MINUTE,
    }).catch((error: Error) => ({ stdout: '', stderr: error.message }));
    return `${result.stdout}\n${result.stderr}`.trim();
  }

  /** Removes every container and the network; never throws (returns what it could not remove). */
  async cleanup(): Promise<string[]> {
    const leftovers: string[] = [];
    for (const container of this.containers.splice(0))
      await runCommand('docker', ['rm', '--force', '--volumes', container], { timeoutMs: MINUTE }).catch(
        (error: unknown) => {
          // A container whose `docker run` failed before creating it is not a leftover (docker says so on stderr).
          if (!(error instanceof CommandError && /No such container/i.test(error.stderr))) leftovers.push(container);
        },
      );
    if (this.networkCreated)
      await runCommand('docker', ['network', 'rm', this.network], { timeoutMs: MINUTE }).then(
        () => {
          this.networkCreated = false;
        },
        () => leftovers.push(this.network),
      );
    return leftovers;
  }
}
