import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Secret volume laid out the way kubelet writes it: `<dir>/<key>` -> `..data/<key>`, `..data` -> a timestamped
 * folder. update() swaps `..data` atomically to a new folder (rename of a fresh symlink), as kubelet does.
 */
export function kubeletSecretVolume(key: string, content: string) {
  const dir = mkdtempSync(join(tmpdir(), 'secret-volume-'));
  let generation = 0;
  let current = '';
  const writeGeneration = (text: string) => {
    generation += 1;
    const folder = `..2026_12_02_00_00_0${generation}.${generation}`;
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, key), text);
    return folder;
  };
  current = writeGeneration(content);
  symlinkSync(current, join(dir, '..data'));
  symlinkSync(join('..data', key), join(dir, key));
  return {
    file: join(dir, key),
    update(text: string) {
      const next = writeGeneration(text);
      symlinkSync(next, join(dir, '..data_tmp'));
      renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
      rmSync(join(dir, current), { recursive: true });
      current = next;
    },
  };
}
