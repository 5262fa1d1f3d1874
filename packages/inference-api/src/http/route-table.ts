import { type RequestHandler, Router } from 'express';

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

/** The table, compiled once: its router, and what any path allows. */
export interface CompiledRoutes {
  readonly router: Router;
  /** The Allow header for a path the table knows (e.g. "GET, HEAD"), or undefined for an unknown path. */
  allowOf(path: string): string | undefined;
}

const patternOf = (path: string) =>
  new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`);

/** Builds the router and the Allow lookup from the one route table. */
export function compileRoutes(table: readonly RouteSpec[]): CompiledRoutes {
  const router = Router();
  const allow = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const route of table) {
    if (route.method === 'GET') router.get(route.path, ...route.handlers);
    else router.post(route.path, ...route.handlers);
    const entry = allow.get(route.path) ?? { pattern: patternOf(route.path), methods: new Set<string>() };
    entry.methods.add(route.method);
    if (route.method === 'GET') entry.methods.add('HEAD');
    allow.set(route.path, entry);
  }
  const entries = [...allow.values()];
  return {
    router,
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
