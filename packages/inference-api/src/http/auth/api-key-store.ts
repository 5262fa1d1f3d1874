import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type ApiKeyFile, parseApiKeyFile } from '@mlops/shared/contract';
import type { Logger } from 'pino';
import { digestsEqual } from './compare-digest.js';

/** How often the key file is re-read: kubelet swaps a Secret volume's symlink, so polling content is robust. */
export const KEY_FILE_POLL_MS = 2000;

interface LoadedKey {
  readonly id: string;
  readonly digest: Buffer;
}

/** Why the key file cannot be used, as a sentence naming the file. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

const toLoaded = (file: ApiKeyFile): LoadedKey[] =>
  file.keys.map((k) => ({ id: k.id, digest: Buffer.from(k.sha256, 'hex') }));

function parse(path: string, text: string): LoadedKey[] {
  let file: ApiKeyFile;
  try {
    file = parseApiKeyFile(text);
  } catch (error) {
    throw new KeyFileError(`the key file ${path} ${(error as Error).message}`, { cause: error });
  }
  if (file.keys.length === 0) throw new KeyFileError(`the key file ${path} holds no keys`);
  return toLoaded(file);
}

/**
 * The tenant's valid key digests, from the key file: loaded once at start (an unusable file stops the start) and
 * re-read every `pollMs`. A changed file that cannot be used keeps the previous keys and is logged (never its content).
 */
export class ApiKeyStore {
  private keys: readonly LoadedKey[];
  private text: string;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {
    try {
      this.text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new KeyFileError(`the key file ${path} cannot be read (${code})`, { cause: error });
    }
    this.keys = parse(path, this.text);
  }

  /** Ids of the keys valid now. */
  get ids(): readonly string[] {
    return this.keys.map((k) => k.id);
  }

  /** The id of the stored key whose digest equals the key's; every digest is compared, in constant time each. */
  find(key: string): string | undefined {
    const digest = createHash('sha256').update(key, 'utf8').digest();
    let found: string | undefined;
    for (const k of this.keys) if (digestsEqual(digest, k.digest)) found ??= k.id;
    return found;
  }

  /** Re-reads the file now; resolves whether the key set changed. */
  async reload(): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      this.logger.error(
        { file: this.path, code: (error as NodeJS.ErrnoException).code },
        'key file unreadable; keeping the previous keys',
      );
      return false;
    }
    if (text === this.text) return false;
    try {
      this.keys = parse(this.path, text);
    } catch (error) {
      this.logger.error(
        { file: this.path, problem: (error as Error).message },
        'key file unusable; keeping the previous keys',
      );
      return false;
    }
    this.text = text;
    this.logger.info({ file: this.path, keys: this.ids }, 'API keys reloaded');
    return true;
  }

  /** Polls the file every `pollMs` until stop(); the timer never keeps the process alive. */
  startPolling(pollMs = KEY_FILE_POLL_MS): void {
    this.stop();
    const tick = () => {
      void this.reload().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, pollMs).unref();
      });
    };
    this.timer = setTimeout(tick, pollMs).unref();
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
