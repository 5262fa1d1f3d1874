import { type CliOption, type CliSpec, parseCli } from '@mlops/shared';

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
  /** Read an API key from stdin and send it as `Authorization: Bearer <key>` (AUTH_MODE=required tenants). */
  readonly apiKeyStdin: boolean;
  readonly help: boolean;
}

/** The `pnpm loadtest` command line and its --help. */
export const LOADTEST_CLI = {
  command: 'pnpm loadtest',
  usage:
    '--url <url> [--connections N] [--duration S] [--rate R] [--slo-p99 MS] [--payloads <file>] [--out <dir>] [--api-key-stdin]',
  summary: `Sends POST {"text": ...} requests (autocannon) with a realistic payload mix and prints req/s, p50/p90/p99,
errors and non-2xx; writes loadtest.json and loadtest.md to --out; exits 1 on an SLO breach or any error.
Progress: a live counter on a terminal, one line per second otherwise (CI logs).`,
  options: {
    url: {
      type: 'string',
      placeholder: '<url>',
      description: 'e.g. http://127.0.0.1:8000/predict (pnpm start serves one)',
    },
    connections: { type: 'string', placeholder: 'N', default: '32', description: 'concurrent connections' },
    duration: { type: 'string', placeholder: 'S', default: '30', description: 'seconds' },
    rate: {
      type: 'string',
      placeholder: 'R',
      description: 'requests per second over all connections',
      defaultText: 'as fast as possible',
    },
    'slo-p99': {
      type: 'string',
      placeholder: 'MS',
      description: 'fail when p99 latency is above MS milliseconds',
      defaultText: 'no latency SLO',
    },
    payloads: {
      type: 'string',
      placeholder: '<file>',
      description: 'one text per line, or a TSV whose first column is the text',
      defaultText: 'the bundled sample, packages/model-trainer/data/sample.tsv',
    },
    out: { type: 'string', placeholder: '<dir>', default: '.loadtest', description: 'report folder' },
    'api-key-stdin': {
      type: 'boolean',
      description:
        'read an API key from stdin and send Authorization: Bearer <key> (never an argument: ps would show it)',
    },
  },
  examples: [
    'pnpm loadtest --url http://127.0.0.1:8000/predict --duration 10',
    'pnpm loadtest --url http://127.0.0.1:8000/predict --connections 64 --rate 500 --slo-p99 50',
    'pnpm --silent cluster keys create --tenant tenant-a | pnpm loadtest --url http://127.0.0.1:18000/predict --api-key-stdin',
  ],
} as const satisfies CliSpec<Record<string, CliOption>>;

/** Parses the command line; every bad option is listed at once (CliUsageError for unknown options). */
export function parseLoadtestArgs(argv: readonly string[]): LoadtestOptions {
  const parsed = parseCli(LOADTEST_CLI, argv);
  if (!parsed)
    return { url: '', connections: 32, durationSeconds: 30, outDir: '.loadtest', apiKeyStdin: false, help: true };
  const { values } = parsed;
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
    apiKeyStdin: values['api-key-stdin'] === true,
    help: values.help === true,
  };
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\nRun "pnpm loadtest --help" for the options.`);
  return options;
}
