import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ConfigProblem } from './check-semantics.js';
import type { PlatformConfig } from './platform-config-schema.js';
import { ConfigError, validatePlatformConfig } from './validate-platform-config.js';

/** Reads a YAML or JSON platform config file and validates it; the one entry point for configs. */
export function loadPlatformConfig(file: string): PlatformConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      fileProblem(
        code === 'ENOENT'
          ? 'does not exist; pass an existing file with --config <file>'
          : `cannot be read (${code}); check its permissions`,
      ),
    ]);
  }
  let raw: unknown;
  try {
    raw = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new ConfigError(file, [
      fileProblem(
        `is not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
      ),
    ]);
  }
  return validatePlatformConfig(raw, file);
}

function fileProblem(message: string): ConfigProblem {
  return { path: '(file)', message };
}
