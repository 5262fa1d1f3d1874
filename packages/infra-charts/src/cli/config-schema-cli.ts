import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliOption, type CliSpec, parseCliOrExit } from '@mlops/shared';
import { CONFIG_SCHEMA_FILE, renderConfigJsonSchema } from '../config/to-config-json-schema.js';
import { REPO_ROOT } from './repo-paths.js';

const CONFIG_SCHEMA_CLI = {
  command: 'pnpm config:schema',
  usage: '[--check]',
  summary: `Writes ${CONFIG_SCHEMA_FILE} at the repo root: the JSON Schema of platform.config.yaml generated from the
zod schema synth uses. Editors with the YAML language server validate and complete the config from it
(platform.config.yaml's first line points to it).`,
  options: { check: { type: 'boolean', description: 'write nothing; exit 1 if the committed file is stale' } },
  examples: ['pnpm config:schema', 'pnpm config:schema --check'],
} as const satisfies CliSpec<Record<string, CliOption>>;

const { values } = parseCliOrExit(CONFIG_SCHEMA_CLI, process.argv.slice(2));
const file = join(REPO_ROOT, CONFIG_SCHEMA_FILE);
const text = renderConfigJsonSchema();
if (values.check) {
  const current = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  })();
  console.log(
    current === text
      ? `config:schema: ${file} is up to date`
      : `config:schema: ${file} is stale; run pnpm config:schema`,
  );
  process.exit(current === text ? 0 : 1);
}
writeFileSync(file, text);
console.log(`config:schema: wrote ${file}`);
