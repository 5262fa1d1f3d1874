import autocannon from 'autocannon';

/** A running autocannon instance and its result. */
export interface PostingTexts {
  readonly instance: autocannon.Instance;
  readonly finished: Promise<autocannon.Result>;
}

/** Starts autocannon sending POST {"text"} to `url`, cycling through `texts` (shared by both load tests). */
export function startPostingTexts(
  url: string,
  texts: readonly string[],
  connections: number,
  durationSeconds: number,
  rate?: number,
  headers: Readonly<Record<string, string>> = {},
): PostingTexts {
  if (texts.length === 0) throw new Error('no payloads: the payload file holds no text');
  let i = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((ok, fail) => {
    instance = autocannon(
      {
        url,
        connections,
        duration: durationSeconds,
        timeout: 10,
        ...(rate ? { overallRate: rate } : {}),
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ text: texts[i++ % texts.length] }) }) }],
      },
      (error, result) => (error ? fail(error) : ok(result)),
    );
  });
  return { instance: instance as autocannon.Instance, finished };
}
