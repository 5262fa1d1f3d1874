import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '@mlops/inference-api';
import { execa } from 'execa';
import { formatSample, type HpaSample, toHpaSample } from '../../src/loadtest/hpa/hpa-sample.js';
import { watchAutoscaling } from '../../src/loadtest/hpa/watch-autoscaling.js';
import { installFakeTools } from '../cluster/fake-tools.js';
import { startTenantApi, trainSampleModel } from '../helpers/tenant-api.js';

const SCRIPTS = new URL('../../', import.meta.url).pathname;
const sample = (current: number): HpaSample => ({
  current,
  desired: current,
  min: 2,
  max: 10,
  cpu: current * 30,
  target: 50,
});

describe('HPA readings', () => {
  it('reads replicas, bounds and CPU from kubectl get hpa -o json', () => {
    const json = JSON.stringify({
      spec: { minReplicas: 2, maxReplicas: 10, metrics: [{ resource: { target: { averageUtilization: 50 } } }] },
      status: {
        currentReplicas: 3,
        desiredReplicas: 5,
        currentMetrics: [{ resource: { name: 'cpu', current: { averageUtilization: 142 } } }],
      },
    });
    expect(toHpaSample(json)).toEqual({ current: 3, desired: 5, min: 2, max: 10, cpu: 142, target: 50 });
    expect(formatSample(35.2, toHpaSample(json), 'load')).toBe(
      't+  35s  load     replicas 3 -> 5 (max 10)  cpu 142% / 50%',
    );
  });

  it('says "cpu n/a" while metrics-server has not reported yet', () => {
    const sampleWithout = toHpaSample(
      JSON.stringify({ spec: { maxReplicas: 4 }, status: { currentReplicas: 1, currentMetrics: null } }),
    );
    expect(sampleWithout).toEqual({ current: 1, desired: 0, min: 1, max: 4 });
    expect(formatSample(0, sampleWithout, 'idle')).toContain('cpu n/a');
  });
});

describe('watchAutoscaling', () => {
  const run = (series: number[], holdMs = 0) => {
    let i = 0;
    const events: string[] = [];
    return {
      events,
      result: watchAutoscaling({
        read: async () => sample(series[Math.min(i++, series.length - 1)] as number),
        startLoad: () => {
          events.push('load started');
          return {
            stop: async () => {
              events.push(`load stopped after reading ${i}`);
              return { requests: 10, non2xx: 0, errors: 0 };
            },
          };
        },
        intervalMs: 1,
        scaleOutTimeoutMs: 200,
        scaleInTimeoutMs: 200,
        holdMs,
        log: (line) => events.push(line),
      }),
    };
  };

  it('loads until the HPA adds replicas, stops the load, and waits until it is back at its minimum', async () => {
    const { result, events } = run([2, 2, 4, 6, 6, 3, 2]);
    const r = await result;
    expect(r.scaledOutAfterSeconds).toBeDefined();
    expect(r.scaledInAfterSeconds).toBeDefined();
    expect(r.peakReplicas).toBe(4);
    expect(r.timeline.map((t) => `${t.phase}:${t.sample.current}`)).toEqual([
      'idle:2',
      'load:2',
      'load:4',
      'cooldown:6',
      'cooldown:6',
      'cooldown:3',
      'cooldown:2',
    ]);
    expect(events.filter((e) => e.startsWith('load '))).toEqual(['load started', 'load stopped after reading 3']);
  });

  it('holds the load after the first scale-out to see how far it goes', async () => {
    const { result } = run([2, 3, 5, 8, 8, 8], 60_000);
    const r = await result;
    expect(r.peakReplicas).toBe(8);
    expect(r.scaledInAfterSeconds).toBeUndefined();
  });

  it('reports no scale-out (and stops the load) when the replicas never grow', async () => {
    const { result, events } = run([2]);
    const r = await result;
    expect(r.scaledOutAfterSeconds).toBeUndefined();
    expect(r.timeline.every((t) => t.phase !== 'cooldown')).toBe(true);
    expect(events).toContain('load started');
    expect(events.some((e) => e.startsWith('load stopped'))).toBe(true);
  });
});

describe('pnpm loadtest:hpa (fake kubectl: HPA readings from a series; real API behind the port-forward)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTenantApi('tenant-a', await trainSampleModel());
  }, 120_000);
  afterAll(() => server.shutdown('test'));

  const cli = (args: string[], env: Record<string, string>) =>
    execa(process.execPath, ['--import', 'tsx', 'src/loadtest/hpa/loadtest-hpa-cli.ts', ...args], {
      cwd: SCRIPTS,
      env,
      extendEnv: false,
      reject: false,
      timeout: 60_000,
    });

  it('drives load through the port-forward and prints the replicas until scale-out and back; writes a report', async () => {
    const fakes = installFakeTools(['kubectl']);
    const out = mkdtempSync(join(tmpdir(), 'hpa-report-'));
    const port = new URL(server.url).port;
    const run = await cli(
      [
        '--tenant',
        'tenant-a',
        '--interval',
        '1',
        '--hold',
        '0',
        '--scale-out-timeout',
        '10',
        '--scale-in-timeout',
        '10',
        '--connections',
        '4',
        '--out',
        out,
      ],
      {
        PATH: fakes.path,
        FAKE_STATE: fakes.state,
        FAKE_NODE: process.execPath,
        FAKE_FORWARDS: `tenant-a-ml-inference-svc=${port}`,
        FAKE_HPA_SERIES: '2,2,4,4,2',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/loadtest:hpa: t\+\s+\d+s {2}load {5}replicas 4 -> 4 \(max 10\) {2}cpu 120% \/ 50%/);
    expect(run.stdout).toMatch(
      /scaled out after \d+ s, peak 4 replicas; back at the minimum \d+ s after the load stopped/,
    );
    const report = JSON.parse(readFileSync(join(out, 'hpa-tenant-a.json'), 'utf8'));
    expect(report.load.requests).toBeGreaterThan(0);
    expect(report.load.non2xx).toBe(0);
  }, 90_000);

  it('refuses a tenant the config does not have, listing the tenants', async () => {
    const run = await cli(['--tenant', 'tenant-z'], { PATH: '/usr/bin:/bin' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--tenant "tenant-z" must be a tenant of platform.config.yaml: tenant-a, tenant-b');
  }, 60_000);
});
