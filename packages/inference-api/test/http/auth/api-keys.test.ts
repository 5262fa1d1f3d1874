import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKeyTenant, generateApiKey, parseApiKeyFile } from '@mlops/shared/contract';
import pino from 'pino';
import { ApiKeyStore, KeyFileError } from '../../../src/http/auth/api-key-store.js';
import { checkBearer } from '../../../src/http/auth/check-bearer.js';
import { digestsEqual } from '../../../src/http/auth/compare-digest.js';
import { issueKey, keyFile } from '../../key-file-fixtures.js';
import { kubeletSecretVolume } from '../../kubelet-secret-volume.js';

const silent = pino({ level: 'silent' });
const bytes = (hex: string) => Buffer.from(hex, 'hex');

describe('digestsEqual (crypto.timingSafeEqual over fixed-length digests)', () => {
  it.each([
    ['equal digests', 'aa'.repeat(32), 'aa'.repeat(32), true],
    ['last byte differs', 'aa'.repeat(32), `${'aa'.repeat(31)}ab`, false],
    ['first byte differs', 'aa'.repeat(32), `ab${'aa'.repeat(31)}`, false],
    ['shorter input (no throw)', 'aa'.repeat(32), 'aa'.repeat(16), false],
    ['empty vs digest', '', 'aa'.repeat(32), false],
  ])('%s -> %s', (_name, a, b, expected) => {
    expect(digestsEqual(bytes(a), bytes(b))).toBe(expected);
  });
});

describe('the key format mlk_<tenant>_<32 random bytes>', () => {
  it('names its tenant in the prefix and carries 256 random bits', () => {
    const key = generateApiKey('tenant-a');
    expect(key).toMatch(/^mlk_tenant-a_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyTenant(key)).toBe('tenant-a');
    expect(generateApiKey('tenant-a')).not.toBe(key);
  });
  it.each([
    '',
    'Bearer',
    'mlk_',
    'mlk_tenant-a_short',
    `xyz_tenant-a_${'a'.repeat(43)}`,
    `mlk_Tenant_${'a'.repeat(43)}`,
  ])('%j is not a key', (text) => {
    expect(apiKeyTenant(text)).toBeUndefined();
  });
});

describe('parseApiKeyFile (version 1)', () => {
  it.each([
    ['not JSON', '{nope', /is not JSON; expected \{"version":1/],
    ['an array', '[]', /must be a JSON object/],
    ['another version', '{"version":2,"keys":[]}', /has version 2; this API reads version 1/],
    ['no keys list', '{"version":1}', /has no "keys" list/],
    [
      'bad entries, all listed',
      '{"version":1,"keys":[{"id":"K!","sha256":"xyz","created":"never"},{"id":"a","sha256":"' +
        'a'.repeat(64) +
        '","created":"2026-01-01","rotated":"soon"}]}',
      /keys\[0\]: id must be .*; keys\[0\]: sha256 must be 64 lowercase hex digits; keys\[0\]: created must be an ISO date; keys\[1\]: rotated must be/,
    ],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseApiKeyFile(text)).toThrow(message);
  });
  it('never echoes a digest in its errors', () => {
    const digest = 'f'.repeat(63);
    expect(() =>
      parseApiKeyFile(`{"version":1,"keys":[{"id":"a","sha256":"${digest}","created":"2026-01-01"}]}`),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(digest) }));
  });
});

describe('checkBearer', () => {
  const a1 = issueKey('tenant-a', 'a1');
  const dir = mkdtempSync(join(tmpdir(), 'keys-'));
  writeFileSync(join(dir, 'api-keys'), keyFile(a1.stored));
  const store = new ApiKeyStore(join(dir, 'api-keys'), silent);
  it.each([
    ['no header', undefined, { ok: false, reason: 'missing' }],
    ['blank header', '  ', { ok: false, reason: 'missing' }],
    ['Basic scheme', 'Basic dXNlcjpwYXNz', { ok: false, reason: 'malformed' }],
    ['Bearer without a token', 'Bearer ', { ok: false, reason: 'malformed' }],
    ['not shaped like a key', 'Bearer abc', { ok: false, reason: 'malformed' }],
    [
      "another tenant's key",
      `Bearer ${generateApiKey('tenant-b')}`,
      { ok: false, reason: 'wrong_tenant', keyTenant: 'tenant-b' },
    ],
    ['an unknown key of this tenant', `Bearer ${generateApiKey('tenant-a')}`, { ok: false, reason: 'unknown' }],
    ['the issued key', `Bearer ${a1.key}`, { ok: true, keyId: 'a1' }],
    ['the issued key, lowercase scheme', `bearer ${a1.key}`, { ok: true, keyId: 'a1' }],
  ])('%s -> %j', (_name, header, expected) => {
    expect(checkBearer(header, 'tenant-a', store)).toEqual(expected);
  });
});

describe('ApiKeyStore', () => {
  it('refuses an unusable file at start, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    expect(() => new ApiKeyStore(join(dir, 'absent'), silent)).toThrow(KeyFileError);
    expect(() => new ApiKeyStore(join(dir, 'absent'), silent)).toThrow(
      `the key file ${join(dir, 'absent')} cannot be read (ENOENT)`,
    );
    writeFileSync(join(dir, 'empty'), keyFile());
    expect(() => new ApiKeyStore(join(dir, 'empty'), silent)).toThrow('holds no keys');
  });

  it('holds two keys at once (rotation) and drops a revoked one after a kubelet-style symlink swap', async () => {
    const old = issueKey('tenant-a', 'old');
    const next = issueKey('tenant-a', 'next');
    const volume = kubeletSecretVolume('api-keys', keyFile(old.stored));
    const store = new ApiKeyStore(volume.file, silent);
    expect(store.find(next.key)).toBeUndefined();

    volume.update(keyFile({ ...old.stored, rotated: '2026-12-02T01:00:00.000Z' }, next.stored));
    expect(await store.reload()).toBe(true);
    expect([store.find(old.key), store.find(next.key)]).toEqual(['old', 'next']);

    volume.update(keyFile(next.stored));
    expect(await store.reload()).toBe(true);
    expect([store.find(old.key), store.find(next.key)]).toEqual([undefined, 'next']);
    expect(await store.reload()).toBe(false);
  });

  it('keeps the previous keys when the file turns unusable, then takes a good one again', async () => {
    const k = issueKey('tenant-a', 'k');
    const volume = kubeletSecretVolume('api-keys', keyFile(k.stored));
    const store = new ApiKeyStore(volume.file, silent);
    volume.update('{"version":1,"keys":[{"id":"x"');
    expect(await store.reload()).toBe(false);
    expect(store.find(k.key)).toBe('k');
    volume.update(keyFile());
    expect(await store.reload()).toBe(false);
    expect(store.ids).toEqual(['k']);
  });

  it('polls the file on its own', async () => {
    const a = issueKey('tenant-a', 'a');
    const b = issueKey('tenant-a', 'b');
    const volume = kubeletSecretVolume('api-keys', keyFile(a.stored));
    const store = new ApiKeyStore(volume.file, silent);
    store.startPolling(50);
    volume.update(keyFile(b.stored));
    const until = Date.now() + 5000;
    while (store.find(b.key) === undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    store.stop();
    expect([store.find(a.key), store.find(b.key)]).toEqual([undefined, 'b']);
  });
});
