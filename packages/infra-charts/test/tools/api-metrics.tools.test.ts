import { execFileSync } from 'node:child_process';
import { startApi } from './monitoring-stack.js';

// promtool's linter (Debian's prometheus package) on the /metrics text of a real API process.
let api: Awaited<ReturnType<typeof startApi>>;
beforeAll(async () => {
  api = await startApi('tenant-a');
});
afterAll(() => api?.stop());

const lint = (text: string) => {
  try {
    execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8', timeout: 30_000 });
    return '';
  } catch (error) {
    return String((error as { stdout?: string; stderr?: string }).stderr ?? error);
  }
};

describe("the API's /metrics", () => {
  it('passes promtool check metrics', async () => {
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(text).toContain('process_resident_memory_bytes');
    expect(lint(text)).toBe('');
  });

  it('reports a gauge named like a counter (the linter bites)', async () => {
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(lint(`${text}# HELP mlops_bad_total x\n# TYPE mlops_bad_total gauge\nmlops_bad_total 1\n`)).toMatch(
      /mlops_bad_total non-counter metrics should not have "_total" suffix/,
    );
  });
});
