import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { post, publishTestModel, startTestApp, type TestApp, tempStore } from '../helpers.js';

const DOCS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../docs/api.md');

type Document = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>
  >;
};

function validatorFor(document: object) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema({ ...document, $id: 'openapi' });
  return (schemaName: string, value: unknown) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`no schema ${schemaName}`);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

/** The schema the document declares for a route's response with that status. */
function responseSchema(document: Document, path: string, method: string, status: number): string {
  const ref = document.paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema.$ref;
  if (!ref) throw new Error(`${method.toUpperCase()} ${path} declares no JSON response for ${status}`);
  return ref.replace('#/components/schemas/', '');
}

describe('GET /openapi.json (real server, real responses)', () => {
  let app: TestApp;
  let document: Document;
  let check: ReturnType<typeof validatorFor>;
  beforeAll(async () => {
    const { dir, store } = tempStore();
    await publishTestModel(store);
    app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment`, MAX_BATCH: '8' });
    const res = await fetch(`${app.url}/openapi.json`);
    expect(res.status).toBe(200);
    document = (await res.json()) as Document;
    check = validatorFor(document);
  });
  afterAll(() => app.close());

  it('is OpenAPI 3.1 and describes every route the server has, with its own limits', () => {
    expect((document as unknown as { openapi: string }).openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/',
        '/health',
        '/ready',
        '/metrics',
        '/openapi.json',
        '/predict',
        '/predict/batch',
        '/v2/health/live',
        '/v2/health/ready',
        '/v2/models/{model}',
        '/v2/models/{model}/ready',
        '/v2/models/{model}/infer',
      ].sort(),
    );
    expect(JSON.stringify(document)).toContain('"maxItems":8');
  });

  it.each<[string, string, string, unknown, number]>([
    ['GET', '/', '/', undefined, 200],
    ['GET', '/health', '/health', undefined, 200],
    ['GET', '/ready', '/ready', undefined, 200],
    ['POST', '/predict', '/predict', { text: 'I love it' }, 200],
    ['POST', '/predict', '/predict', { text: '' }, 422],
    ['POST', '/predict', '/predict', { txt: 'x' }, 422],
    ['POST', '/predict', '/predict', '{not json', 400],
    ['POST', '/predict/batch', '/predict/batch', { texts: ['good', 'bad'] }, 200],
    ['POST', '/predict/batch', '/predict/batch', { texts: Array(9).fill('x') }, 422],
    ['GET', '/v2/health/live', '/v2/health/live', undefined, 200],
    ['GET', '/v2/health/ready', '/v2/health/ready', undefined, 200],
    ['GET', '/v2/models/{model}', '/v2/models/sentiment', undefined, 200],
    ['GET', '/v2/models/{model}', '/v2/models/other', undefined, 404],
    ['GET', '/v2/models/{model}/ready', '/v2/models/sentiment/ready', undefined, 200],
    [
      'POST',
      '/v2/models/{model}/infer',
      '/v2/models/sentiment/infer',
      { inputs: [{ name: 'text', datatype: 'BYTES', shape: [2], data: ['good', 'awful'] }] },
      200,
    ],
    ['POST', '/v2/models/{model}/infer', '/v2/models/sentiment/infer', { inputs: [] }, 400],
  ])(
    '%s %s (%s) answers %#: the body matches the declared schema for its status',
    async (method, path, url, body, status) => {
      const res =
        method === 'GET'
          ? await fetch(`${app.url}${url}`).then(async (r) => ({ status: r.status, json: await r.json() }))
          : await post(`${app.url}${url}`, body);
      expect(res.status).toBe(status);
      expect(check(responseSchema(document, path, method.toLowerCase(), status), res.json)).toEqual([]);
    },
  );

  it('a request the schema refuses is one the server refuses (and the other way round)', async () => {
    for (const body of [{ text: 'fine' }, { text: '' }, { text: 'x'.repeat(6000) }, { text: 3 }]) {
      const res = await post(`${app.url}/predict`, body);
      expect({ body, accepted: check('PredictRequest', body).length === 0 }).toEqual({
        body,
        accepted: res.status === 200,
      });
    }
  });

  it('every example in docs/api.md validates against the schema it is marked with', () => {
    const text = readFileSync(DOCS, 'utf8');
    const blocks = [...text.matchAll(/(<!-- example: (\w+) -->\n)?```json\n([\s\S]*?)```/g)];
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const [, marker, schema, json] of blocks) {
      expect({ marker, json }).toEqual({ marker: expect.any(String), json });
      expect({ schema, problems: check(schema as string, JSON.parse(json as string)) }).toEqual({
        schema,
        problems: [],
      });
    }
  });
});
