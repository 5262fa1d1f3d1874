import { API_ENV } from '@mlops/shared/contract';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ConfigError } from '../config/load-config.js';
import { createEdgeMetrics } from '../metrics/create-edge-metrics.js';
import type { AppDeps } from './app-deps.js';
import { ApiKeyStore, KEY_FILE_POLL_MS, KeyFileError } from './auth/api-key-store.js';
import { requireApiKey } from './auth/require-api-key.js';
import { ConcurrencyCap } from './rate-limit/concurrency-cap.js';
import { limitRequests } from './rate-limit/limit-requests.js';
import { type Clock, TokenBuckets } from './rate-limit/token-buckets.js';
import { runHandlers } from './run-handlers.js';

/** Paths that never need a key nor count against a limit: probes and the scrape (never routed by the gateway). */
export const OPEN_PATHS: ReadonlySet<string> = new Set([
  '/health',
  '/ready',
  '/metrics',
  '/v2/health/live',
  '/v2/health/ready',
]);

/** Test seams of the guard. */
export interface EdgeGuardOptions {
  /** Milliseconds between re-reads of the key file. @default KEY_FILE_POLL_MS */
  readonly keyPollMs?: number;
  /** The rate limiter's clock. @default Date.now */
  readonly clock?: Clock;
}

/** The command that fixes a missing or bad key file. */
const FIX = (tenant: string) =>
  `create a key with "pnpm cluster keys create --tenant ${tenant}" (or set ${API_ENV.authMode}=off for a local demo)`;

/**
 * Auth (AUTH_MODE=required) and the rate limits (RATE_LIMIT_*) in front of every route but OPEN_PATHS. Refuses to
 * build (ConfigError naming API_KEYS_FILE) when auth is required and the key file is missing, unreadable or empty.
 */
export function edgeGuard(deps: Pick<AppDeps, 'config' | 'metrics' | 'logger'>, options: EdgeGuardOptions = {}) {
  const { config, metrics, logger } = deps;
  const edge = createEdgeMetrics(metrics.registry);
  const chain: RequestHandler[] = [];
  if (config.authMode === 'required') {
    if (!config.apiKeysFile)
      throw new ConfigError([
        `${API_ENV.apiKeysFile} is required when ${API_ENV.authMode}=required; ${FIX(config.tenant)}`,
      ]);
    let store: ApiKeyStore;
    try {
      store = new ApiKeyStore(config.apiKeysFile, logger);
    } catch (error) {
      if (!(error instanceof KeyFileError)) throw error;
      throw new ConfigError([
        `${API_ENV.apiKeysFile}=${JSON.stringify(config.apiKeysFile)}: ${error.message}; ${FIX(config.tenant)}`,
      ]);
    }
    store.startPolling(options.keyPollMs ?? KEY_FILE_POLL_MS);
    logger.info({ file: config.apiKeysFile, keys: store.ids }, 'API keys loaded');
    chain.push(requireApiKey(config.tenant, store, edge.authFailures));
  }
  const limits = { rps: config.rateLimitRps, burst: config.rateLimitBurst };
  const buckets = config.rateLimitRps > 0 ? { limits, perKey: new TokenBuckets(limits, options.clock) } : undefined;
  const cap = config.rateLimitConcurrency > 0 ? new ConcurrencyCap(config.rateLimitConcurrency) : undefined;
  if (buckets || cap)
    chain.push(limitRequests({ ...(buckets ? { buckets } : {}), ...(cap ? { cap } : {}), limited: edge.rateLimited }));
  if (chain.length === 0) return (_req: Request, _res: Response, next: NextFunction): void => next();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (OPEN_PATHS.has(req.path)) next();
    else runHandlers(chain, req, res, next);
  };
}
