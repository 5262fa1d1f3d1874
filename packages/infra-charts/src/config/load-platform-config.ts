import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ConfigProblem } from './check-semantics.js';
import { indexYaml } from './locate-in-yaml.js';
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
  const json = extname(file) === '.json';
  try {
    raw = json ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    // yaml's pretty message spans several lines (the offending line and a caret): keep all of it.
    const message = (error as Error).message.trimEnd().replace(/\n/g, '\n      ');
    const position = (error as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
    throw new ConfigError(file, [
      {
        ...fileProblem(`is not valid ${json ? 'JSON' : 'YAML'}: ${message}`),
        ...(position ? { line: position.line, column: position.col } : {}),
      },
    ]);
  }
  return validatePlatformConfig(raw, file, json ? undefined : indexYaml(text));
}

function fileProblem(message: string): ConfigProblem {
  return { path: '(file)', message };
}
