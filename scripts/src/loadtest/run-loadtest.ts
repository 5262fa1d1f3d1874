import { startPostingTexts } from './post-texts.js';

/** The figures a load test reports. */
export interface LoadtestResult {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}

/** Sends POST {"text"} requests cycling through `texts`, with a bounded duration, and summarizes them. */
export async function runLoadtest(
  url: string,
  texts: readonly string[],
  connections: number,
  durationSeconds: number,
  rate?: number,
  onTick?: (done: number, seconds: number) => void,
  headers: Readonly<Record<string, string>> = {},
): Promise<LoadtestResult> {
  let done = 0;
  const { instance, finished } = startPostingTexts(url, texts, connections, durationSeconds, rate, headers);
  const started = Date.now();
  const ticker = onTick ? setInterval(() => onTick(done, Math.round((Date.now() - started) / 1000)), 1000) : undefined;
  instance.on('response', () => {
    done++;
  });
  try {
    const r = await finished;
    return {
      url,
      connections,
      durationSeconds,
      requests: r.requests.total,
      requestsPerSecond: r.requests.average,
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
    };
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

/** The verdict: which SLOs broke (p99 above the limit, any error or non-2xx). */
export function sloBreaches(result: LoadtestResult, sloP99Ms?: number): string[] {
  const breaches: string[] = [];
  if (sloP99Ms !== undefined && result.latencyMs.p99 > sloP99Ms)
    breaches.push(`p99 ${result.latencyMs.p99} ms is above the SLO of ${sloP99Ms} ms`);
  if (result.errors + result.timeouts > 0) breaches.push(`${result.errors} errors and ${result.timeouts} timeouts`);
  if (result.non2xx > 0) breaches.push(`${result.non2xx} non-2xx responses`);
  return breaches;
}

/** The verdict in one sentence: "SLO met" only when a latency SLO was given. */
export function toVerdict(result: LoadtestResult, breaches: readonly string[], sloP99Ms?: number): string {
  if (breaches.length > 0) return `SLO breached: ${breaches.join('; ')}`;
  return sloP99Ms === undefined
    ? 'no errors and no non-2xx responses (no --slo-p99 given: latency not judged)'
    : `SLO met: p99 ${result.latencyMs.p99} ms <= ${sloP99Ms} ms, no errors, no non-2xx responses`;
}

/** A Markdown report of one run. */
export function toMarkdown(result: LoadtestResult, breaches: readonly string[], sloP99Ms?: number): string {
  return [
    `# Load test: ${result.url}`,
    '',
    '| connections | duration | requests | req/s | p50 | p90 | p99 | max | errors | non-2xx |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${result.connections} | ${result.durationSeconds} s | ${result.requests} | ${Math.round(result.requestsPerSecond)} | ${result.latencyMs.p50} ms | ${result.latencyMs.p90} ms | ${result.latencyMs.p99} ms | ${result.latencyMs.max} ms | ${result.errors + result.timeouts} | ${result.non2xx} |`,
    '',
    `**${toVerdict(result, breaches, sloP99Ms).replace(/: /, ':** ')}`,
    '',
  ].join('\n');
}
