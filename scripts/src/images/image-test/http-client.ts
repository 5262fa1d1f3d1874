import { request } from 'node:http';

/** One HTTP answer: status and parsed JSON (or text). */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/**
 * A request on a fresh connection (`Connection: close`, no agent): what a client behind a Service sees, and no
 * reused keep-alive socket can blur a drain test.
 */
export function httpRequest(url: string, init: { method?: string; json?: unknown; timeoutMs?: number } = {}) {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const payload = init.json === undefined ? undefined : JSON.stringify(init.json);
    const req = request(
      url,
      {
        method: init.method ?? (payload ? 'POST' : 'GET'),
        agent: false,
        headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
        timeout: init.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text (e.g. /metrics)
          }
          resolve({ status: res.statusCode ?? 0, body, text });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within ${init.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Polls `url` until it answers 200 (or any status `accept` takes); returns the ms since `startedAt`. */
export async function waitForAnswer(
  url: string,
  timeoutMs: number,
  startedAt = performance.now(),
  accept: (status: number) => boolean = (status) => status === 200,
): Promise<number> {
  let last = 'no answer yet';
  while (performance.now() - startedAt < timeoutMs) {
    try {
      const answer = await httpRequest(url, { timeoutMs: 2_000 });
      if (accept(answer.status)) return performance.now() - startedAt;
      last = `HTTP ${answer.status} ${answer.text.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} did not answer as expected within ${timeoutMs} ms (last: ${last})`);
}
