import type { CheckResult } from '../../process/check-result.js';
import { runCommand } from '../../process/run-command.js';
import { formatMegabytes } from '../dir-size.js';

/** The parts of `docker image inspect` that images:test checks. */
export interface ImageConfig {
  readonly size: number;
  readonly user: string;
  readonly exposedPorts: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** What an image should declare: its name (OCI title), the non-root user, and its stage's ports. */
export interface ExpectedImage {
  readonly name: string;
  readonly uid: number;
  readonly ports: readonly number[];
}

/** Reads an image's config; a missing image says to build it first. */
export async function inspectImage(tag: string): Promise<ImageConfig> {
  const { stdout } = await runCommand('docker', ['image', 'inspect', tag], { timeoutMs: 60_000 }).catch(
    (error: Error) => {
      throw new Error(`${tag} is not built: run pnpm images:build first`, { cause: error });
    },
  );
  const [image] = JSON.parse(stdout) as Array<{
    Size?: number;
    Config?: { User?: string; ExposedPorts?: Record<string, unknown> | null; Labels?: Record<string, string> | null };
  }>;
  return {
    size: image?.Size ?? 0,
    user: image?.Config?.User ?? '',
    exposedPorts: Object.keys(image?.Config?.ExposedPorts ?? {}).sort(),
    labels: image?.Config?.Labels ?? {},
  };
}

/** The image-level checks: non-root user, exactly the ports its stage declares (TCP), the OCI title and revision labels. */
export function checkImageConfig(config: ImageConfig, expected: ExpectedImage): CheckResult[] {
  const user = `${expected.uid}:${expected.uid}`;
  const ports = expected.ports.map((p) => `${p}/tcp`).sort();
  const title = config.labels['org.opencontainers.image.title'];
  return [
    {
      name: `${expected.name} image runs as a non-root user`,
      ok: config.user === user,
      detail: `USER ${config.user || '(root)'}, ${formatMegabytes(config.size)}`,
    },
    {
      name: `${expected.name} image declares ${ports.length ? `port ${ports.join(', ')}` : 'no port'}`,
      ok: config.exposedPorts.join() === ports.join(),
      detail: `EXPOSE ${config.exposedPorts.join(' ') || '(none)'}`,
    },
    {
      name: `${expected.name} image carries its OCI labels`,
      ok: title === expected.name && Boolean(config.labels['org.opencontainers.image.revision']),
      detail: `title ${title ?? '(none)'}, revision ${config.labels['org.opencontainers.image.revision'] ?? '(none)'}`,
    },
  ];
}
