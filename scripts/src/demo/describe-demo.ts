import type { AddressInfo } from 'node:net';
import type { RunningServer } from '@mlops/inference-api';
import type { DemoModel } from './prepare-demo-model.js';

const ORIGIN: Readonly<Record<DemoModel['origin'], string>> = {
  existing: 'already in .models/',
  bundled: 'the bundled demo model, copied into .models/',
  trained: 'just trained',
};

/** Which model is served, what it was trained on, and how to serve one trained on SST-2 instead. */
export function describeModel(model: DemoModel): string[] {
  const { dataset } = model.metadata;
  const name = dataset.name.replace(/^.*\/(packages\/|data\/)/, '$1');
  return [
    `model sentiment ${model.version} (${ORIGIN[model.origin]}), trained on ${dataset.rows} rows of ${name}`,
    'for a model trained on SST-2: pnpm train --data ../shared/data/sst2/train.tsv --eval ../shared/data/sst2/dev.tsv, then pnpm start (docs/model.md)',
  ];
}

/** The address the server really listens on, and a curl that reaches it. */
export function describeListener(running: RunningServer, tenant: string): string[] {
  const address = running.server.address() as AddressInfo;
  const everywhere = address.address === '0.0.0.0' || address.address === '::';
  const host = everywhere ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return [
    `serving tenant "${tenant}" on ${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}${everywhere ? ' (every interface)' : ''}; Ctrl+C to stop. Try:`,
    `  curl -s -X POST ${url}/predict -H 'Content-Type: application/json' -d '{"text": "A wonderful, moving film."}'`,
  ];
}
