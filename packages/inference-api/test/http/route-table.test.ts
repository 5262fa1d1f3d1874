import { request } from 'node:http';
import { routeTable } from '../../src/http/routes/route-table.js';
import { publishTestModel, startTestApp, type TestApp, tempStore } from '../helpers.js';

let app: TestApp;
beforeAll(async () => {
  const { dir, store } = tempStore();
  await publishTestModel(store);
  app = await startTestApp({ MODEL_URI: `file://${dir}/sentiment` });
});
afterAll(async () => {
  await app.close();
});

const table = () => routeTable(app.service);
const concrete = (path: string) => path.replace(':model', 'sentiment');
const send = (method: string, path: string) =>
  new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: new URL(app.url).port,
      method,
      path,
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow }));
    });
    req.on('error', reject);
    req.end(method === 'GET' || method === 'HEAD' ? undefined : '{"text":"fine","texts":["fine"]}');
  });

/** What each path of the table must allow, worked out from the table's rows (GET brings HEAD). */
function expectedAllow(): Map<string, string> {
  const methods = new Map<string, Set<string>>();
  for (const r of table()) {
    const set = methods.get(r.path) ?? new Set<string>();
    set.add(r.method);
    if (r.method === 'GET') set.add('HEAD');
    methods.set(r.path, set);
  }
  return new Map([...methods].map(([p, m]) => [p, ['GET', 'HEAD', 'POST'].filter((x) => m.has(x)).join(', ')]));
}

describe('the route table is the one list of routes', () => {
  it('every row answers its own method (neither 404 nor 405)', async () => {
    for (const { method, path } of table()) {
      const { status } = await send(method, concrete(path));
      expect({ method, path, answered: ![404, 405].includes(status) }).toEqual({ method, path, answered: true });
    }
  });

  it('any other method on a known path is 405 with exactly the Allow the table gives, and OPTIONS is 204', async () => {
    for (const [path, allow] of expectedAllow()) {
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'].filter(
        (m) => !allow.split(', ').includes(m),
      ))
        expect({ method, path, ...(await send(method, concrete(path))) }).toEqual({ method, path, status: 405, allow });
      expect(await send('OPTIONS', concrete(path))).toEqual({ status: 204, allow: `${allow}, OPTIONS` });
    }
  });

  it('GET / lists exactly the table, in its order', async () => {
    const body = (await (await fetch(`${app.url}/`)).json()) as { endpoints: string[] };
    expect(body.endpoints).toEqual(table().map((r) => `${r.method} ${concrete(r.path)}`));
    expect(body.endpoints).toContain('POST /v2/models/sentiment/infer');
  });

  it('the OpenAPI document describes exactly the table', async () => {
    const doc = (await (await fetch(`${app.url}/openapi.json`)).json()) as { paths: Record<string, object> };
    const described = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace('{model}', ':model')}`),
    );
    expect(described.sort()).toEqual(
      table()
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );
  });
});
