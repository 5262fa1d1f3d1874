import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { eventually, freePort, REPO, startProcess } from './tool-processes.js';

/** A real inference API process (`pnpm serve`'s entry) on loopback, with an empty model store: it serves, not ready. */
export async function startApi(tenant: string) {
  const port = await freePort();
  const models = mkdtempSync(join(tmpdir(), 'models-'));
  const api = startProcess(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: join(REPO, 'packages/inference-api'),
    env: {
      ...process.env,
      TENANT: tenant,
      HOST: '127.0.0.1',
      PORT: String(port),
      MODEL_URI: `file://${models}/sentiment`,
      MODEL_POLL_INTERVAL: '0',
      LOG_LEVEL: 'silent',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => ((await fetch(`${url}/metrics`)).ok ? true : undefined),
    `the API of ${tenant} (${api.stderr()})`,
  );
  return { ...api, url, host: `127.0.0.1:${port}` };
}

/** A real Prometheus (Debian's package) with a config file, data in a temp folder, the lifecycle API on. */
export async function startPrometheus(configFile: string) {
  const port = await freePort();
  const prometheus = startProcess('prometheus', [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${mkdtempSync(join(tmpdir(), 'prometheus-data-'))}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--web.enable-lifecycle',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined), 'Prometheus ready');
  return { ...prometheus, url };
}

/** A real Alertmanager (Debian's prometheus-alertmanager) with one config file and no gossip mesh. */
export async function startAlertmanager(configFile: string) {
  const port = await freePort();
  const am = startProcess('prometheus-alertmanager', [
    `--config.file=${configFile}`,
    `--storage.path=${mkdtempSync(join(tmpdir(), 'alertmanager-data-'))}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
    `Alertmanager ready (${am.stderr()})`,
  );
  return { ...am, url, host: `127.0.0.1:${port}` };
}

/** The same rules with `for:` and group intervals shortened to 1 s, so a test sees alerts in seconds. */
export function fastRules(rules: string): string {
  const file = parse(rules) as { groups: Array<{ interval?: string; rules: Array<{ for?: string }> }> };
  for (const group of file.groups) {
    if (group.interval) group.interval = '1s';
    for (const rule of group.rules) if (rule.for) rule.for = '1s';
  }
  return stringify(file);
}
