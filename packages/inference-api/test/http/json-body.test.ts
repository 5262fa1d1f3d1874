import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { publishTestModel, startTestApp, type TestApp, tempStore } from '../helpers.js';

/**
 * The JSON body reader has two paths: plain UTF-8 JSON with a Content-Length is read directly, anything else
 * (chunked, compressed, another charset, too large) goes through body-parser. Each case is sent both ways (with a
 * Content-Length, and chunked without one) to a real server, and both answers must be the same.
 */
let app: TestApp;
beforeAll(async () => {
  const { dir, store } = tempStore();
  await publishTestModel(store);
  app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment`, BODY_LIMIT_BYTES: '2048', MAX_TEXT_LENGTH: '100' });
});
afterAll(async () => {
  await app.close();
});

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** Sends `body` to `path`, with a Content-Length or chunked, and returns the status and parsed JSON answer. */
function send(path: string, body: Buffer, headers: Record<string, string>, framing: 'length' | 'chunked') {
  return new Promise<Answer>((resolve, reject) => {
    const url = new URL(path, app.url);
    const req = request(
      url,
      {
        method: 'POST',
        headers: framing === 'length' ? { ...headers, 'content-length': String(body.length) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      },
    );
    req.on('error', reject);
    // Chunked: two writes, so the body arrives in pieces.
    if (framing === 'chunked' && body.length > 1) {
      req.write(body.subarray(0, 1));
      req.end(body.subarray(1));
    } else req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const text = (value: string) => Buffer.from(value, 'utf8');

describe('JSON bodies: both reading paths give the same answer', () => {
  it.each<[string, string, Buffer, Record<string, string>, number, string | undefined]>([
    ['a text', '/predict', text('{"text":"a fine film"}'), JSON_TYPE, 200, undefined],
    ['a batch', '/predict/batch', text('{"texts":["good","bad"]}'), JSON_TYPE, 200, undefined],
    [
      'charset=utf-8',
      '/predict',
      text('{"text":"ok"}'),
      { 'content-type': 'application/json; charset=utf-8' },
      200,
      undefined,
    ],
    [
      'CHARSET="UTF-8"',
      '/predict',
      text('{"text":"ok"}'),
      { 'content-type': 'Application/JSON;CHARSET="UTF-8"' },
      200,
      undefined,
    ],
    [
      'a UTF-8 BOM',
      '/predict',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text('{"text":"ok"}')]),
      JSON_TYPE,
      200,
      undefined,
    ],
    ['multi-byte text', '/predict', text('{"text":"très émouvant 🎬"}'), JSON_TYPE, 200, undefined],
    ['an empty body ({} has no text)', '/predict', Buffer.alloc(0), JSON_TYPE, 422, 'INVALID_TEXT'],
    ['invalid JSON', '/predict', text('{"text": '), JSON_TYPE, 400, 'INVALID_JSON'],
    ['a JSON array', '/predict', text('[1,2]'), JSON_TYPE, 400, 'INVALID_BODY'],
    ['a JSON string', '/predict', text('"hello"'), JSON_TYPE, 400, 'INVALID_BODY'],
    [
      'latin1',
      '/predict',
      text('{"text":"ok"}'),
      { 'content-type': 'application/json; charset=latin1' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['not JSON', '/predict', text('text=ok'), { 'content-type': 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'over the limit',
      '/predict',
      text(JSON.stringify({ text: 'x'.repeat(3000) })),
      JSON_TYPE,
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ])('%s', async (_name, path, body, headers, status, code) => {
    const direct = await send(path, body, headers, 'length');
    const chunked = await send(path, body, headers, 'chunked');
    expect(direct.status).toBe(status);
    if (code) expect((direct.body as { error: { code: string } }).error.code).toBe(code);
    expect(chunked).toEqual(direct);
  });

  it('accepts a gzip-compressed body (read by body-parser) like the plain one', async () => {
    const plain = await send('/predict', text('{"text":"a fine film"}'), JSON_TYPE, 'length');
    const gzip = await send(
      '/predict',
      gzipSync(text('{"text":"a fine film"}')),
      { ...JSON_TYPE, 'content-encoding': 'gzip' },
      'length',
    );
    expect(gzip).toEqual(plain);
    expect(plain.status).toBe(200);
  });
});
