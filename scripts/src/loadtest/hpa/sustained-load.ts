import { startPostingTexts } from '../post-texts.js';

/** Load that runs until stopped; `stop` resolves with what was sent. */
export interface SustainedLoad {
  stop(): Promise<{ requests: number; non2xx: number; errors: number }>;
}

/** POST {"text"} at `url` from `connections` connections (at most `maxSeconds`) until stopped. */
export function startSustainedLoad(
  url: string,
  texts: readonly string[],
  connections: number,
  maxSeconds: number,
  rate?: number,
): SustainedLoad {
  const { instance, finished } = startPostingTexts(url, texts, connections, maxSeconds, rate);
  return {
    async stop() {
      instance.stop();
      const r = await finished;
      return { requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
    },
  };
}
