import { parseArgs } from 'node:util';

/** Options of `pnpm loadtest`. */
export interface LoadtestOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Requests per second over all connections; undefined for as fast as possible. */
  readonly rate?: number;
  /** Fail when p99 latency exceeds this many milliseconds. */
  readonly sloP99Ms?: number;
  /** Newline-separated texts to send as {"text": ...}. */
  readonly payloadFile?: string;
  readonly outDir: string;
  readonly help: boolean;
}

/** Parses the command line; every bad option is listed at once. */
export function parseLoadtestArgs(argv: readonly string[]): LoadtestOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      url: { type: 'string' },
      connections: { type: 'string', default: '32' },
      duration: { type: 'string', default: '30' },
      rate: { type: 'string' },
      'slo-p99': { type: 'string' },
      payloads: { type: 'string' },
      out: { type: 'string', default: '.loadtest' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const problems: string[] = [];
  const positive = (name: string, raw: string | undefined, integer = true): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      problems.push(`--${name} ${JSON.stringify(raw)} must be a positive ${integer ? 'whole ' : ''}number`);
    return n;
  };
  const url = values.url ?? '';
  if (!values.help && !/^https?:\/\/[^/]+/.test(url))
    problems.push(
      `--url ${JSON.stringify(values.url ?? '')} must be an http(s) URL like http://127.0.0.1:8000/predict`,
    );
  const options: LoadtestOptions = {
    url,
    connections: positive('connections', values.connections) ?? 32,
    durationSeconds: positive('duration', values.duration) ?? 30,
    ...(values.rate ? { rate: positive('rate', values.rate) } : {}),
    ...(values['slo-p99'] ? { sloP99Ms: positive('slo-p99', values['slo-p99'], false) } : {}),
    ...(values.payloads ? { payloadFile: values.payloads } : {}),
    outDir: values.out ?? '.loadtest',
    help: values.help === true,
  };
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\nRun "pnpm loadtest --help" for the options.`);
  return options;
}
