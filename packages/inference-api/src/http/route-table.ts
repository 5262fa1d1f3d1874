import type { NextFunction, RequestHandler } from 'express';
import { runHandlers } from './run-handlers.js';

/** The methods a route can declare (GET answers HEAD too). */
export type RouteMethod = 'GET' | 'POST';

/** One row of the route table: what the router serves, 405/Allow and OPTIONS answer from, and GET / lists. */
export interface RouteSpec {
  readonly method: RouteMethod;
  /** An Express path; `:name` is one path segment (e.g. `/v2/models/:model/infer`). */
  readonly path: string;
  /** One line for people: what the route does. */
  readonly summary: string;
  readonly handlers: readonly RequestHandler[];
}

/** The table, compiled once: its dispatcher, and what any path allows. */
export interface CompiledRoutes {
  /** One middleware serving the table: the row for the method and path runs its handlers; no row, `next()`. */
  readonly dispatch: RequestHandler;
  /** The Allow header for a path the table knows (e.g. "GET, HEAD"), or undefined for an unknown path. */
  allowOf(path: string): string | undefined;
}

const patternOf = (path: string, flags = '') =>
  new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '([^/]+)')}$`, flags);

/** A row with `:name` segments: matched by pattern, its parameters decoded into `req.params`. */
interface PatternRoute {
  readonly method: RouteMethod;
  readonly pattern: RegExp;
  readonly keys: readonly string[];
  readonly row: Row;
}

/** A compiled row: its handlers, and the `req.route` it sets (its template labels the request's metrics and logs). */
interface Row {
  readonly route: { readonly path: string };
  readonly handlers: readonly RequestHandler[];
}

function serve(row: Row, req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], next: NextFunction) {
  req.route = row.route;
  runHandlers(row.handlers, req, res, next);
}

/** Express's defaults, kept: paths match case-insensitively (parameters keep their case), with or without one trailing slash. */
const stripSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

/** Decodes a path parameter; bad percent-encoding is the client's 400 (INVALID_URL), as from Express's router. */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    throw Object.assign(error as URIError, { status: 400 });
  }
}

/**
 * Builds the dispatcher and the Allow lookup from the one route table. Exact paths are one Map lookup, so the hot
 * routes (/predict) skip the per-request layer walk and match objects of Express's router (docs/benchmarks.md).
 */
export function compileRoutes(table: readonly RouteSpec[]): CompiledRoutes {
  const exact = new Map<string, Row>();
  const patterned: PatternRoute[] = [];
  const allow = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const route of table) {
    const keys = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
    const row: Row = { route: { path: route.path }, handlers: route.handlers };
    if (keys.length === 0) exact.set(`${route.method} ${stripSlash(route.path).toLowerCase()}`, row);
    else patterned.push({ method: route.method, pattern: patternOf(route.path, 'i'), keys, row });
    const entry = allow.get(route.path) ?? { pattern: patternOf(route.path), methods: new Set<string>() };
    entry.methods.add(route.method);
    if (route.method === 'GET') entry.methods.add('HEAD');
    allow.set(route.path, entry);
  }
  const entries = [...allow.values()];
  const dispatch: RequestHandler = (req, res, next) => {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const path = stripSlash(req.path);
    const row = exact.get(`${method} ${path.toLowerCase()}`);
    if (row) {
      serve(row, req, res, next);
      return;
    }
    for (const route of patterned) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (!match) continue;
      try {
        req.params = Object.fromEntries(route.keys.map((key, i) => [key, decodeParam(match[i + 1] as string)]));
      } catch (error) {
        next(error);
        return;
      }
      serve(route.row, req, res, next);
      return;
    }
    next();
  };
  return {
    dispatch,
    allowOf(path) {
      const methods = new Set(entries.filter((e) => e.pattern.test(path)).flatMap((e) => [...e.methods]));
      return methods.size > 0 ? ['GET', 'HEAD', 'POST'].filter((m) => methods.has(m)).join(', ') : undefined;
    },
  };
}

/** The endpoint list of GET /: "METHOD path" for every row, with path parameters filled in (e.g. the model name). */
export function listEndpoints(table: readonly RouteSpec[], params: Readonly<Record<string, string>>): string[] {
  return table.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, (whole, name: string) => params[name] ?? whole)}`);
}
