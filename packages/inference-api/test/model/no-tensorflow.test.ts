import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer, waitFor } from '../child-server.js';
import { post, publishTestModel, tempStore } from '../helpers.js';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Whether TensorFlow.js's engine exists after importing `modules` in a fresh Node process (tfjs-core sets it). */
async function loadsTensorFlow(modules: readonly string[]): Promise<boolean> {
  const code = `${modules.map((m) => `await import(${JSON.stringify(m)});`).join('')}process.stdout.write(String('_tfengine' in globalThis));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', code],
    { cwd: PKG, timeout: 60_000 },
  );
  return stdout.trim() === 'true';
}

describe('the API scores without TensorFlow.js', () => {
  it.each([
    { modules: ['./src/run-server.ts', '@mlops/shared'], loads: false },
    // The control: the training entry does load it, so the probe above can tell.
    { modules: ['@mlops/shared/tf'], loads: true },
  ])('importing $modules loads TensorFlow.js: $loads', async ({ modules, loads }) => {
    expect(await loadsTensorFlow(modules)).toBe(loads);
  });

  it('the real server reports backend "js" and zero tensors before and after serving', async () => {
    const { dir, store } = tempStore();
    await publishTestModel(store);
    const port = 21000 + Math.floor(Math.random() * 2000);
    const server = startServer({ MODEL_URI: `file://${dir}/sentiment`, PORT: String(port), LOG_LEVEL: 'warn' });
    try {
      await waitFor(`http://127.0.0.1:${port}/ready`);
      const tensors = async () => {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        return {
          backend: /mlops_model_info\{[^}]*backend="(\w+)"/.exec(text)?.[1],
          tensors: /^mlops_tfjs_tensors\{[^}]*\} (\d+)/m.exec(text)?.[1],
        };
      };
      expect(await tensors()).toEqual({ backend: 'js', tensors: '0' });
      for (let i = 0; i < 20; i++)
        expect((await post(`http://127.0.0.1:${port}/predict`, { text: `fine ${i}` })).status).toBe(200);
      expect(await tensors()).toEqual({ backend: 'js', tensors: '0' });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
