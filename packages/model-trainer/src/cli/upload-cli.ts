#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { type CliOption, type CliSpec, isSharedError, openStore, parseCliOrExit } from '@mlops/shared';
import { S3_ENV } from '@mlops/shared/contract';

const UPLOAD_CLI = {
  command: 'pnpm upload',
  usage: '<file> s3://bucket/key',
  summary: "Uploads a local file (training data) to an S3-compatible store, e.g. MinIO's datasets bucket.",
  positionals: [
    { name: '<file>', description: 'the local file (relative to where you run the command)' },
    { name: 's3://bucket/key', description: 'where to put it' },
  ],
  options: {},
  sections: [
    {
      title: 'Environment',
      body: `  ${S3_ENV.endpoint} and ${S3_ENV.region} pick the server; credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.`,
    },
  ],
  examples: ['pnpm upload ../shared/data/sst2/train.tsv s3://datasets/sst2/train.tsv'],
} as const satisfies CliSpec<Record<string, CliOption>>;

/** `pnpm upload`: the only place this CLI reads the environment. */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, target] = parseCliOrExit(UPLOAD_CLI, argv).positionals;
  const match = target ? /^s3:\/\/([^/]+)\/(.+)$/.exec(target) : null;
  if (!file || !match) {
    console.error(
      `upload: expected <file> s3://bucket/key, got ${JSON.stringify(argv)}. Run "pnpm upload --help" for usage.`,
    );
    return 2;
  }
  const path = isAbsolute(file) ? file : resolve(env.INIT_CWD ?? process.cwd(), file);
  let data: Uint8Array;
  try {
    data = readFileSync(path);
  } catch {
    console.error(`upload: ${path} cannot be read; pass an existing file`);
    return 1;
  }
  const store = openStore(`s3://${match[1]}`, {
    ...(env[S3_ENV.endpoint] ? { endpoint: env[S3_ENV.endpoint] } : {}),
    ...(env[S3_ENV.region] ? { region: env[S3_ENV.region] } : {}),
  });
  await store.write(match[2] as string, data);
  console.log(`upload: ${path} (${data.byteLength} bytes) -> ${store.location}/${match[2]}`);
  return 0;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`upload: ${error instanceof Error ? error.message : String(error)}`);
    if (!isSharedError(error)) console.error(error);
    process.exit(1);
  },
);
