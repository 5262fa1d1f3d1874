import { SojournShedder } from '../../src/model/sojourn-shedder.js';

const TARGET = 20;
const INTERVAL = 100;

describe('SojournShedder transitions (fake clock: times in ms)', () => {
  it.each<[string, Array<[sojourn: number, at: number] | 'idle'>, boolean]>([
    ['no measurement → admits', [], false],
    ['one long wait → admits', [[500, 0]], false],
    [
      'long waits for less than the interval → admits',
      [
        [30, 0],
        [40, 50],
        [30, 99],
      ],
      false,
    ],
    [
      'long waits for the whole interval → sheds',
      [
        [30, 0],
        [40, 50],
        [30, 100],
      ],
      true,
    ],
    [
      'a short wait inside the interval starts it over → admits',
      [
        [30, 0],
        [5, 60],
        [30, 100],
      ],
      false,
    ],
    [
      'shedding, then a short wait: stops → admits',
      [
        [30, 0],
        [30, 100],
        [19, 120],
      ],
      false,
    ],
    ['shedding, then the queue empties: stops → admits', [[30, 0], [30, 100], 'idle'], false],
    ['after stopping, a new interval is needed → admits', [[30, 0], [30, 100], 'idle', [30, 110], [30, 150]], false],
  ])('%s', (_name, steps, shedding) => {
    const shedder = new SojournShedder({ targetMs: TARGET, intervalMs: INTERVAL });
    for (const step of steps)
      if (step === 'idle') shedder.idle();
      else shedder.observe(...step);
    expect(shedder.shedding).toBe(shedding);
  });

  it('never sheds with target 0 (off)', () => {
    const shedder = new SojournShedder({ targetMs: 0, intervalMs: INTERVAL });
    for (let t = 0; t < 1000; t += 10) shedder.observe(10_000, t);
    expect(shedder.shedding).toBe(false);
  });
});

/** A load pattern over time: how many jobs arrive at millisecond t, and whether the server can work then. */
interface Load {
  readonly arrivals: (t: number) => number;
  readonly serviceMs: number;
  /** CPU available at t (false: throttled, as under a CFS quota). @default - always */
  readonly running?: (t: number) => boolean;
}

/** A single-server FIFO queue admitting through the shedder, as the scoring queue does; 1 ms steps. */
function simulate(load: Load, ms: number) {
  const shedder = new SojournShedder({ targetMs: TARGET, intervalMs: INTERVAL });
  const queue: number[] = [];
  const shedAt: number[] = [];
  let busyUntil = 0;
  let served = 0;
  let maxSojourn = 0;
  for (let t = 0; t < ms; t++) {
    for (let i = 0; i < load.arrivals(t); i++) {
      if (queue.length > 0 && shedder.shedding) shedAt.push(t);
      else queue.push(t);
    }
    if (load.running && !load.running(t)) {
      busyUntil = Math.max(busyUntil, t + 1);
      continue;
    }
    if (t >= busyUntil && queue.length > 0) {
      const enqueued = queue.shift() as number;
      shedder.observe(t - enqueued, t);
      maxSojourn = Math.max(maxSojourn, t - enqueued);
      busyUntil = t + load.serviceMs;
      served++;
    }
    if (queue.length === 0 && t >= busyUntil) shedder.idle();
  }
  return { shedAt, served, maxSojourn, shedding: shedder.shedding };
}

describe('sojourn shedding under load patterns (deterministic simulation)', () => {
  it.each<[string, Load]>([
    ['steady load at 80 % of capacity', { arrivals: (t) => (t % 10 === 0 ? 1 : 0), serviceMs: 8 }],
    [
      'bursts that wait 60 ms but drain within each 100 ms',
      { arrivals: (t) => (t % 100 === 0 ? 5 : 0), serviceMs: 15 },
    ],
    [
      'half the CPU (throttled 50 ms of every 100 ms) at 60 % of what is left',
      { arrivals: (t) => (t % 10 === 0 ? 1 : 0), serviceMs: 3, running: (t) => t % 100 < 50 },
    ],
  ])('%s: never sheds', (_name, load) => {
    const result = simulate(load, 10_000);
    expect(result.shedAt).toEqual([]);
    expect(result.served).toBeGreaterThanOrEqual(500);
  });

  it('overload (arrivals at 160 % of capacity) sheds and keeps the wait bounded', () => {
    const result = simulate({ arrivals: (t) => (t % 5 === 0 ? 1 : 0), serviceMs: 8 }, 10_000);
    expect(result.shedAt.length).toBeGreaterThan(500);
    // Without shedding the wait would grow to ~3.7 s over the 10 s; with it, it stays near target + interval.
    expect(result.maxSojourn).toBeLessThan(TARGET + 2 * INTERVAL);
  });

  it('overload, then load below capacity: shedding stops (before → after)', () => {
    const result = simulate({ arrivals: (t) => ((t < 3000 ? t % 5 === 0 : t % 20 === 0) ? 1 : 0), serviceMs: 8 }, 6000);
    expect(result.shedAt.some((t) => t < 3000)).toBe(true);
    expect(result.shedAt.filter((t) => t >= 3300)).toEqual([]);
    expect(result.shedding).toBe(false);
  });
});
