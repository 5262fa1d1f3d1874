import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { compileRoutes, type RouteSpec } from '../../src/http/route-table.js';

// The dispatcher that replaced Express's router for the route table, on a real Express app and HTTP server:
// it must keep the router's behaviour that clients and the error handler rely on.
const rows: RouteSpec[] = [
  {
    method: 'GET',
    path: '/health',
    summary: 'a static GET',
    handlers: [(req, res) => void res.json({ route: req.route?.path })],
  },
  {
    method: 'POST',
    path: '/predict',
    summary: 'a chain: a middleware, then the handler',
    handlers: [
      (_req, res, next) => {
        res.setHeader('X-First', 'ran');
        next();
      },
      (req, res) => void res.json({ route: req.route?.path }),
    ],
  },
  {
    method: 'GET',
    path: '/v2/models/:model/ready',
    summary: 'a path parameter',
    handlers: [(req, res) => void res.json({ model: req.params.model, route: req.route?.path })],
  },
  {
    method: 'GET',
    path: '/async-failure',
    summary: 'an async handler that rejects',
    handlers: [async () => Promise.reject(new Error('async boom'))],
  },
  {
    method: 'GET',
    path: '/sync-failure',
    summary: 'a handler that throws',
    handlers: [
      () => {
        throw new Error('sync boom');
      },
    ],
  },
  {
    method: 'GET',
    path: '/skip',
    summary: "next('route') skips the rest of the row",
    handlers: [(_req, _res, next) => next('route'), (_req, res) => void res.json({ reached: true })],
  },
];

let base: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const app = express();
  app.use(compileRoutes(rows).dispatch);
  app.use((_req: Request, res: Response) => void res.status(404).json({ fellThrough: true }));
  app.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(error.status ?? 500).json({ error: error.message, uri: error instanceof URIError });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((r) => server.close(() => r()));
});
afterAll(() => close());

const call = async (method: string, path: string) => {
  const res = await fetch(`${base}${path}`, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
  const text = await res.text();
  return { status: res.status, first: res.headers.get('x-first'), body: text ? JSON.parse(text) : undefined };
};

describe('the route table dispatcher', () => {
  it.each([
    ['an exact path', 'GET', '/health', 200, { route: '/health' }],
    ['a trailing slash, as Express allows', 'GET', '/health/', 200, { route: '/health' }],
    ['another case, as Express allows', 'GET', '/HEALTH', 200, { route: '/health' }],
    ['a query string', 'GET', '/health?x=1', 200, { route: '/health' }],
    [
      'a path parameter, decoded',
      'GET',
      '/v2/models/my%20model/ready',
      200,
      { model: 'my model', route: '/v2/models/:model/ready' },
    ],
    [
      'a parameter keeps its case',
      'GET',
      '/V2/models/MyModel/ready',
      200,
      { model: 'MyModel', route: '/v2/models/:model/ready' },
    ],
    ['an unknown path: next()', 'GET', '/nope', 404, { fellThrough: true }],
    ['a known path, other method: next() (the 405 comes after)', 'GET', '/predict', 404, { fellThrough: true }],
    ['a parameter one segment too long: next()', 'GET', '/v2/models/a/b/ready', 404, { fellThrough: true }],
    [
      "bad percent-encoding: the client's 400 URIError",
      'GET',
      '/v2/models/%E0%A4%A/ready',
      400,
      { error: 'URI malformed', uri: true },
    ],
    ['an async rejection: the error handler', 'GET', '/async-failure', 500, { error: 'async boom', uri: false }],
    ['a thrown error: the error handler', 'GET', '/sync-failure', 500, { error: 'sync boom', uri: false }],
    ["next('route'): the rest of the row is skipped", 'GET', '/skip', 404, { fellThrough: true }],
  ])('%s: %s %s → %i', async (_case, method, path, status, body) => {
    expect(await call(method, path)).toMatchObject({ status, body });
  });

  it('runs a row’s handlers in order', async () => {
    expect(await call('POST', '/predict')).toEqual({ status: 200, first: 'ran', body: { route: '/predict' } });
  });

  it('answers HEAD from the GET row, without a body', async () => {
    expect(await call('HEAD', '/health')).toEqual({ status: 200, first: null, body: undefined });
  });
});
