import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTensorFlow } from '@mlops/shared';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { createService } from '../../src/create-service.js';
import { issueKey, keyFile } from '../key-file-fixtures.js';

const BASE = { MODEL_URI: 'file:///tmp/none/sentiment', TENANT: 'tenant-a' };
const dir = mkdtempSync(join(tmpdir(), 'keys-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('auth and rate-limit settings in loadConfig', () => {
  it.each<[string, Record<string, string>, string]>([
    [
      'AUTH_MODE=required without a key file',
      { AUTH_MODE: 'required' },
      'API_KEYS_FILE is required when AUTH_MODE=required: point it at the mounted key Secret (pnpm cluster keys create --tenant <tenant>), or set AUTH_MODE=off for a local demo',
    ],
    ['an unknown AUTH_MODE', { AUTH_MODE: 'on' }, 'AUTH_MODE="on" Invalid option: expected one of "off"|"required"'],
    ['a negative rate', { RATE_LIMIT_RPS: '-1' }, 'RATE_LIMIT_RPS="-1" must be a whole number from 0 to 1000000'],
    [
      'a rate without a burst',
      { RATE_LIMIT_RPS: '10' },
      'RATE_LIMIT_BURST=0 must be at least 1 when RATE_LIMIT_RPS=10 is set; a bucket of 0 admits nothing (set it to about 2x RATE_LIMIT_RPS)',
    ],
  ])('%s', (_name, env, problem) => {
    expect(() => loadConfig({ ...BASE, ...env })).toThrow(ConfigError);
    try {
      loadConfig({ ...BASE, ...env });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([problem]);
    }
  });

  it('is off by default: the local demo needs no key and has no limits', () => {
    expect(loadConfig(BASE)).toMatchObject({ authMode: 'off', rateLimitRps: 0, rateLimitConcurrency: 0 });
  });
});

describe('the API refuses to start with AUTH_MODE=required and no usable key file', () => {
  const good = issueKey('tenant-a', 'k1');
  const fix = 'create a key with "pnpm cluster keys create --tenant tenant-a" (or set AUTH_MODE=off for a local demo)';
  it.each<[string, string, string]>([
    ['a missing file', join(dir, 'absent'), 'cannot be read (ENOENT)'],
    ['a directory', dir, 'cannot be read (EISDIR)'],
    ['a file that is not JSON', file('garbage', 'k1:abc'), 'is not JSON; expected {"version":1,"keys":[...]}'],
    ['another format version', file('v2', '{"version":2,"keys":[]}'), 'has version 2; this API reads version 1'],
    ['an empty key list', file('empty', keyFile()), 'holds no keys'],
    [
      'an unparsable hash',
      file('bad-hash', keyFile({ ...good.stored, sha256: 'not-hex' })),
      'has invalid keys: keys[0]: sha256 must be 64 lowercase hex digits',
    ],
  ])('%s', async (_name, path, problem) => {
    const config = loadConfig({ ...BASE, AUTH_MODE: 'required', API_KEYS_FILE: path });
    const start = async () => createService(config, await loadTensorFlow(), pino({ level: 'silent' }));
    await expect(start()).rejects.toThrow(ConfigError);
    await expect(start()).rejects.toThrow(
      `API_KEYS_FILE=${JSON.stringify(path)}: the key file ${path} ${problem}; ${fix}`,
    );
  });

  it('starts with a valid file', async () => {
    const config = loadConfig({ ...BASE, AUTH_MODE: 'required', API_KEYS_FILE: file('ok', keyFile(good.stored)) });
    expect(createService(config, await loadTensorFlow(), pino({ level: 'silent' })).app).toBeDefined();
  });
});
