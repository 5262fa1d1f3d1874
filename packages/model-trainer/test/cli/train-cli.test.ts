import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = async (args: string[], env: Record<string, string> = {}) => {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'src/cli/train-cli.ts', ...args], {
      cwd: PACKAGE,
      env: { ...process.env, INIT_CWD: PACKAGE, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('pnpm train (real process)', () => {
  it('prints help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: pnpm train');
    expect(stdout).toContain('--eval <file>');
  });

  it('lists every bad argument at once and exits 2', async () => {
    const { code, stderr } = await run(['--epochs', '0', '--batch-size', 'x', '--out', 'ftp://x']);
    expect(code).toBe(2);
    expect(stderr).toContain('--epochs "0" must be a whole number from 1 to 1000');
    expect(stderr).toContain('--batch-size "x" must be a whole number');
    expect(stderr).toContain('--out "ftp://x" must be a store URI');
  });

  it('names a missing data file', async () => {
    const { code, stderr } = await run([
      '--data',
      'nope.tsv',
      '--out',
      `file://${mkdtempSync(join(tmpdir(), 'cli-'))}`,
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/data file .*nope\.tsv does not exist/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unreachable S3 endpoint without printing credentials', async () => {
    const { code, stderr } = await run(['--epochs', '1', '--out', 's3://models'], {
      S3_ENDPOINT: 'http://127.0.0.1:1',
      AWS_ACCESS_KEY_ID: 'AKIATESTKEY',
      AWS_SECRET_ACCESS_KEY: 'super-secret-value',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('http://127.0.0.1:1');
    expect(stderr).toMatch(/unreachable/);
    expect(stderr).not.toMatch(/super-secret-value|AKIATESTKEY/);
  }, 120_000);

  it('trains on the bundled sample and prints progress, metrics and where it published', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cli-'));
    const { code, stdout } = await run(['--epochs', '2', '--eval', 'data/sample.tsv', '--out', `file://${out}`]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/train: epoch 1\/2 {2}loss \d\.\d{4} {2}val_acc \d\.\d{4} {2}[\d,]+ ex\/s/);
    expect(stdout).toMatch(/eval data\/sample\.tsv \(176 examples\): accuracy/);
    expect(stdout).toContain('confusion matrix');
    const version = readFileSync(join(out, 'sentiment', 'LATEST'), 'utf8').trim();
    expect(stdout).toContain(`published ${version} to file://${out}/sentiment/${version}`);
  }, 120_000);
});

describe('pnpm upload (real process, real s3rver)', () => {
  it('uploads a file to an S3 key and names where', async () => {
    const { startS3Server } = await import('@mlops/shared/testing');
    const { S3Store } = await import('@mlops/shared');
    const s3 = await startS3Server(['datasets']);
    try {
      const up = async (args: string[], env: Record<string, string> = {}) => {
        try {
          const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'src/cli/upload-cli.ts', ...args], {
            cwd: PACKAGE,
            env: {
              ...process.env,
              INIT_CWD: PACKAGE,
              S3_ENDPOINT: s3.endpoint,
              AWS_ACCESS_KEY_ID: 'S3RVER',
              AWS_SECRET_ACCESS_KEY: 'S3RVER',
              ...env,
            },
            timeout: 60_000,
          });
          return { code: 0, stdout, stderr };
        } catch (error) {
          return error as { code: number; stdout: string; stderr: string };
        }
      };
      const ok = await up(['data/sample.tsv', 's3://datasets/sst2/train.tsv']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/-> s3:\/\/datasets @ http:\/\/127\.0\.0\.1:\d+\/sst2\/train\.tsv/);
      const stored = await new S3Store({ bucket: 'datasets', endpoint: s3.endpoint, credentials: s3.credentials }).read(
        'sst2/train.tsv',
      );
      expect(new TextDecoder().decode(stored)).toBe(readFileSync(join(PACKAGE, 'data/sample.tsv'), 'utf8'));
      expect((await up(['data/sample.tsv', 'datasets/x'])).code).toBe(2);
      expect((await up(['nope.tsv', 's3://datasets/x'])).stderr).toMatch(/nope\.tsv cannot be read/);
    } finally {
      await s3.stop();
    }
  }, 120_000);
});
