import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_SAMPLE, DEFAULT_TRAIN_CONFIG, runTraining } from '@mlops/model-trainer';
import { DEFAULT_PREPROCESS, FileStore, loadTensorFlow, type ModelStore, TYPED_ARRAY_RUNTIME } from '@mlops/shared';
import pino from 'pino';
import { type ApiConfig, loadConfig } from '../src/config/load-config.js';
import { createService, type Service } from '../src/create-service.js';
import { applyServerLimits, serverOptions } from '../src/server-limits.js';

/** Small hashing so test models train in about a second. */
export const TEST_PREPROCESS = { ...DEFAULT_PREPROCESS, buckets: 4096 };

/** Trains a real model on the bundled sample and publishes it to `store`; returns the version. */
export async function publishTestModel(store: ModelStore, seed = 42, preprocess = TEST_PREPROCESS): Promise<string> {
  const outcome = await runTraining({
    dataFile: BUNDLED_SAMPLE,
    store,
    modelName: 'sentiment',
    config: { ...DEFAULT_TRAIN_CONFIG, epochs: 2, batchSize: 16, validationShare: 0.2, seed },
    preprocess,
    maxBadShare: 0.01,
    runtime: await loadTensorFlow(),
    log: () => {},
  });
  return outcome.published.version;
}

/** A file store in a fresh temp folder. */
export function tempStore(): { dir: string; store: FileStore } {
  const dir = mkdtempSync(join(tmpdir(), 'api-test-'));
  return { dir, store: new FileStore(dir) };
}

/** A running app on a loopback port (the test listens, as the server entry would). */
export interface TestApp {
  readonly url: string;
  readonly service: Service;
  readonly server: Server;
  close(): Promise<void>;
}

/** Builds the service from env-style settings and serves it on 127.0.0.1:<free port>. */
export async function startTestApp(
  env: Record<string, string>,
  options: { waitForModel?: boolean } = {},
): Promise<TestApp> {
  const config: ApiConfig = loadConfig({
    LOG_LEVEL: 'silent',
    MODEL_POLL_INTERVAL: '0',
    TENANT: 'tenant-test',
    ...env,
  });
  const service = createService(config, TYPED_ARRAY_RUNTIME, pino({ level: 'silent' }));
  const server = createServer(serverOptions(), service.app);
  applyServerLimits(server, config, service.metrics);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const loading = service.models.start();
  if (options.waitForModel !== false) await loading;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    service,
    server,
    async close() {
      service.models.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** POSTs JSON (or a raw string body) and returns status, headers and parsed body. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json: json as Record<string, any>, text };
}
