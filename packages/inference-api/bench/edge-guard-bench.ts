/**
 * pnpm bench:edge — what the API keys and rate limits cost per request, in process:
 *   1. checkBearer (SHA-256 + constant-time compare against every stored digest) with 1, 2 and 20 keys,
 *   2. TokenBuckets.take on one hot key and on 10 000 distinct keys (the cap), and the heap the full map holds.
 * Prints figures with the machine (os.cpus, load average); no assertions: targets live in docs/benchmarks.md.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey, hashApiKey, serializeApiKeyFile } from '@mlops/shared/contract';
import pino from 'pino';
import { ApiKeyStore } from '../src/http/auth/api-key-store.js';
import { checkBearer } from '../src/http/auth/check-bearer.js';
import { TokenBuckets } from '../src/http/rate-limit/token-buckets.js';

const TENANT = 'tenant-a';

/** Runs `fn` for about `ms` milliseconds after a warm-up; returns nanoseconds per call. */
function perCall(fn: (i: number) => void, ms = 1500): number {
  for (let i = 0; i < 2000; i++) fn(i);
  let calls = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() < until) for (let j = 0; j < 500; j++) fn(calls++);
  return Number(process.hrtime.bigint() - start) / calls;
}

function storeWith(count: number): { store: ApiKeyStore; key: string } {
  const keys = Array.from({ length: count }, () => generateApiKey(TENANT));
  const file = join(mkdtempSync(join(tmpdir(), 'bench-keys-')), 'api-keys');
  writeFileSync(
    file,
    serializeApiKeyFile(
      keys.map((k, i) => ({ id: `k${i}`, sha256: hashApiKey(k), created: new Date().toISOString() })),
    ),
  );
  return { store: new ApiKeyStore(file, pino({ level: 'silent' })), key: keys.at(-1) ?? '' };
}

const cpu = cpus()[0]?.model ?? 'unknown';
console.log(
  `machine: ${cpus().length} vCPU ${cpu}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, Node ${process.version}`,
);
for (const count of [1, 2, 20]) {
  const { store, key } = storeWith(count);
  const header = `Bearer ${key}`;
  const wrong = `Bearer ${generateApiKey(TENANT)}`;
  const ok = perCall(() => checkBearer(header, TENANT, store));
  const bad = perCall(() => checkBearer(wrong, TENANT, store));
  console.log(
    `checkBearer, ${count} key(s): valid ${(ok / 1000).toFixed(2)} µs, unknown ${(bad / 1000).toFixed(2)} µs`,
  );
}
const hot = new TokenBuckets({ rps: 1e9, burst: 1e9 });
console.log(`TokenBuckets.take, one key: ${(perCall(() => hot.take('key:k1')) / 1000).toFixed(3)} µs`);
const names = Array.from({ length: 50_000 }, (_, i) => `client:10.0.${i >> 8}.${i & 255}`);
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const many = new TokenBuckets({ rps: 10, burst: 20, maxKeys: 10_000 });
const spread = perCall((i) => many.take(names[i % names.length] ?? ''));
global.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
console.log(
  `TokenBuckets.take, 50 000 clients cycling through a 10 000-bucket cap: ${(spread / 1000).toFixed(3)} µs; buckets held ${many.size}; heap +${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB`,
);
