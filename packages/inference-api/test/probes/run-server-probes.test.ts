import { loadTensorFlow } from '@mlops/shared';
import { loadConfig } from '../../src/config/load-config.js';
import { type RunningServer, runServer } from '../../src/run-server.js';
import { randomPort, waitFor } from '../child-server.js';
import { publishTestModel, tempStore } from '../helpers.js';

describe('runServer and the probe listener (in process, real listeners)', () => {
  let modelUri = '';
  let running: RunningServer | undefined;
  beforeAll(async () => {
    const { dir, store } = tempStore();
    await publishTestModel(store);
    modelUri = `file://${dir}/sentiment`;
  });
  afterEach(async () => {
    await running?.shutdown('SIGINT');
    running = undefined;
  });

  const start = async (env: Record<string, string>) =>
    runServer(
      loadConfig({ MODEL_URI: modelUri, HOST: '127.0.0.1', LOG_LEVEL: 'silent', MODEL_POLL_INTERVAL: '0', ...env }),
      await loadTensorFlow(),
    );

  it('starts no probe listener with PROBE_PORT=0 (the default)', async () => {
    running = await start({ PORT: String(randomPort()) });
    expect(running.probes).toBeUndefined();
    await waitFor(`${running.url}/ready`);
  });

  it('with PROBE_PORT answers there, and closes it on shutdown', async () => {
    const port = randomPort();
    running = await start({ PORT: String(port), PROBE_PORT: String(port + 1) });
    expect(running.probes?.port).toBe(port + 1);
    await waitFor(`http://127.0.0.1:${port + 1}/ready`);
    expect(await (await fetch(`http://127.0.0.1:${port + 1}/ready`)).json()).toMatchObject({
      status: 'ready',
      model_version: expect.stringMatching(/^v/),
    });
    expect(await running.shutdown('SIGINT')).toBe(true);
    running = undefined;
    await expect(fetch(`http://127.0.0.1:${port + 1}/health`)).rejects.toThrow();
  });
});
