import { readFileSync } from 'node:fs';

/** One `FROM … AS <name>` stage of the Dockerfile and the ports it declares. */
export interface DockerfileStage {
  readonly name: string;
  readonly from: string;
  readonly exposes: readonly number[];
}

/**
 * The named stages of a Dockerfile, in order: `pnpm images:build` builds `--target <image>`, so every image needs
 * a stage of its name, and images:test compares each image's declared ports with its stage.
 */
export function readDockerfileStages(text: string): DockerfileStage[] {
  const stages: Array<{ name: string; from: string; exposes: number[] }> = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) stages.push({ from: from[1] as string, name: from[2] ?? '', exposes: [] });
    const expose = /^EXPOSE\s+(.+)$/i.exec(line);
    if (expose) stages.at(-1)?.exposes.push(...(expose[1] as string).split(/\s+/).map((p) => Number.parseInt(p, 10)));
  }
  return stages.filter((s) => s.name !== '');
}

/** The stage an image is built from, or a clear error naming the Dockerfile, the image and the fix. */
export function requireStage(dockerfile: string, image: string): DockerfileStage {
  const stages = readDockerfileStages(readFileSync(dockerfile, 'utf8'));
  const stage = stages.find((s) => s.name === image);
  if (!stage)
    throw new Error(
      `${dockerfile}: no stage "${image}" (stages: ${stages.map((s) => s.name).join(', ') || 'none'}); add "FROM runtime AS ${image}"`,
    );
  return stage;
}
