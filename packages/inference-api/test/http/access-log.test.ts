import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { TYPED_ARRAY_RUNTIME } from '@mlops/shared';
import pino from 'pino';
import { loadConfig } from '../../src/config/load-config.js';
import { createService } from '../../src/create-service.js';
import { post, publishTestModel, tempStore } from '../helpers.js';

/** Serves a real app whose logger writes into an array at `level`, sends `requests` predictions, returns the lines. */
async function logLinesAt(level: string, requests: number): Promise<Array<{ msg: string; level: number }>> {
  const { dir, store } = tempStore();
  await publishTestModel(store);
  const lines: Array<{ msg: string; level: number }> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  const config = loadConfig({ MODEL_URI: `file://${dir}/sentiment`, MODEL_POLL_INTERVAL: '0', LOG_LEVEL: level });
  const service = createService(config, TYPED_ARRAY_RUNTIME, pino({ level }, sink));
  const server = createServer(service.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await service.models.start();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (let i = 0; i < requests; i++) expect((await post(`${url}/predict`, { text: `good ${i}` })).status).toBe(200);
    expect((await post(`${url}/predict`, { text: '' })).status).toBe(422);
  } finally {
    service.models.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
  return lines;
}

describe('per-request access logs', () => {
  it.each([
    ['info (the default): no line per request, also not for a client error', 'info', 0],
    ['debug: one line per request', 'debug', 21],
  ])('at %s', async (_name, level, expected) => {
    const lines = await logLinesAt(level, 20);
    expect(lines.filter((l) => l.msg === 'request')).toHaveLength(expected);
  });
});
