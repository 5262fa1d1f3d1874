import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '@mlops/shared/contract';
import fc from 'fast-check';
import { post, publishTestModel, startTestApp, type TestApp, tempStore } from '../../helpers.js';
import { issueKey, keyFile } from '../../key-file-fixtures.js';

/** Random Authorization headers against the real app with auth and limits on: never a 5xx, never a stack trace. */
const valid = issueKey('tenant-test', 'k1');
let app: TestApp;
beforeAll(async () => {
  const { dir, store } = tempStore();
  await publishTestModel(store);
  const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'api-keys');
  writeFileSync(file, keyFile(valid.stored));
  app = await startTestApp({
    MODEL_URI: `file://${dir}/sentiment`,
    AUTH_MODE: 'required',
    API_KEYS_FILE: file,
    RATE_LIMIT_RPS: '1000',
    RATE_LIMIT_BURST: '1000',
  });
});
afterAll(async () => {
  await app.close();
});

const header = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, '')),
  fc.string({ maxLength: 80 }).map((s) => `Bearer ${s.replace(/[^\x21-\x7e]/g, '')}`),
  fc.constantFrom('tenant-test', 'tenant-b', 'Tenant', '').map((t) => `Bearer ${generateApiKey(t)}`),
  fc.constant(`Bearer ${valid.key}`),
  fc.constant(`Bearer ${valid.key}x`),
);

describe('random Authorization headers (property test)', () => {
  it('answer 200 for the valid key and 401 with WWW-Authenticate otherwise, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(header, async (authorization) => {
        const res = await post(
          `${app.url}/predict`,
          { text: 'fine' },
          { 'content-type': 'application/json', authorization },
        );
        if (authorization === `Bearer ${valid.key}`) expect(res.status).toBe(200);
        else {
          expect(res.status).toBe(401);
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="tenant-test"/);
          expect(res.text).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });
});
